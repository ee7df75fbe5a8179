package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Networks through the packaged server: a rumour on a small world in Lua, JavaScript and Python gives one answer;
 * get_network measures a large network within the response budget; render_world draws a graph; the links export as
 * CSV; a spawn takes links; mistakes are named.
 */
class McpNetworkIT extends ServerSession {

    private static final Map<String, String> RUMOUR = Map.of(
            "lua", """
                    function update(e, inbox)
                      for _, m in ipairs(inbox) do
                        if not e.state.knows and e.random() < e.params.believe then e.state.knows = true end
                      end
                      if e.state.knows and not e.state.told then e.broadcast("rumour", {}) e.state.told = true end
                      if e.state.knows then e.metric("knowing", 1) end
                    end""",
            "js", """
                    function update(e, inbox) {
                      for (const m of inbox) {
                        if (!e.state.knows && e.random() < e.params.believe) e.state.knows = true;
                      }
                      if (e.state.knows && !e.state.told) { e.broadcast("rumour", {}); e.state.told = true; }
                      if (e.state.knows) e.metric("knowing", 1);
                    }""",
            "python", """
                    def update(e, inbox):
                        for m in inbox:
                            if not e.state["knows"] and e.random() < e.params["believe"]:
                                e.state["knows"] = True
                        if e.state["knows"] and not e.state.get("told"):
                            e.broadcast("rumour", {})
                            e.state["told"] = True
                        if e.state["knows"]:
                            e.metric("knowing", 1)
                    """);

    private Map<String, Object> rumour(String name, String language) {
        return Map.of("name", name, "seed", 4, "params", Map.of("believe", 0.5),
                "network", Map.of("generator", Map.of("kind", "watts_strogatz", "k", 4, "p", 0.1)),
                "metrics", Map.of("knowing", Map.of("missing", 0)),
                "scripts", Map.of("person", Map.of("language", language, "source", RUMOUR.get(language))),
                "entities", List.of(Map.of("script", "person", "state", Map.of("knows", true)),
                        Map.of("script", "person", "count", 99, "state", Map.of("knows", false))));
    }

    @Test
    void aRumourOnASmallWorldSpreadsTheSameInEveryLanguage() throws Exception {
        String first = null;
        for (String language : List.of("lua", "js", "python")) {
            ok("create_world", rumour("rumour-" + language, language));
            ok("advance_simulation", Map.of("world_name", "rumour-" + language, "num_steps", 30));
            var metric = ok("get_metric", Map.of("world_name", "rumour-" + language, "metric_name", "knowing"));
            String values = String.valueOf(data(metric).get("values"));
            if (first == null) {
                first = values;
            }
            assertThat(values).as(language).isEqualTo(first);
        }
        assertThat(first).contains("1.0").doesNotContain("[]");
    }

    @Test
    void getNetworkMeasuresABigNetworkWithinTheBudget() throws Exception {
        ok("create_world", Map.of("name", "big", "seed", 1,
                "network", Map.of("generator", Map.of("kind", "barabasi_albert", "m", 3)),
                "scripts", Map.of("p", Map.of("language", "lua", "source", "function update(e, inbox) end")),
                "entities", List.of(Map.of("script", "p", "count", 20000))));
        var net = ok("get_network", Map.of("world_name", "big"));
        Map<String, Object> d = data(net);
        assertThat(d.get("nodes")).isEqualTo(20000);
        assertThat(((Number) d.get("links")).intValue()).isEqualTo(3 + (20000 - 3) * 3);
        assertThat(d.get("components")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> degrees = (Map<String, Object>) d.get("degree_distribution");
        assertThat(degrees.size()).as("a heavy tail binned").isLessThanOrEqualTo(20);
        assertThat(degrees).containsKeys("3", "4", "8-15", "16-31").doesNotContainKey("0");
        assertThat(((Number) d.get("average_path")).doubleValue()).isBetween(3.0, 8.0);
        assertThat(text(net)).contains("20000 nodes", "59994 links", "mean degree 5.9994", "degrees (degree: nodes): 3: ", "from 83 sampled nodes",
                "export_entities with table: links");
        assertThat(text(net).length() + String.valueOf(d).length()).isLessThan(8000);

        var csv = ok("export_entities", Map.of("world_name", "big", "file_path", "big-links.csv", "table", "links"));
        assertThat(data(csv).get("rows")).isEqualTo(59994);
        assertThat(text(csv)).contains("from,to,weight", "p-1,p-2,1");
        // the exported links seed another world, read from the workspace
        var again = ok("create_world", Map.of("name", "again",
                "network", Map.of("edges_file", "big-links.csv"),
                "scripts", Map.of("p", Map.of("language", "lua", "source", "function update(e, inbox) end")),
                "entities", List.of(Map.of("script", "p", "count", 20000))));
        assertThat(text(again)).contains("20000 entities, 59994 links");
        assertThat(error("create_world", Map.of("name", "outside", "network", Map.of("edges_file", "../x.csv"),
                "scripts", Map.of("p", Map.of("language", "lua", "source", "function update(e, inbox) end")))))
                .contains("network.edges_file");
    }

    @Test
    void renderWorldDrawsANetworkAsAGraphAndASpawnTakesLinks() throws Exception {
        ok("create_world", rumour("drawn", "lua"));
        ok("spawn_entity", Map.of("world_name", "drawn", "script", "person", "state", Map.of("knows", true),
                "links", List.of("person-1", List.of("person-2", 0.5))));
        var net = ok("get_network", Map.of("world_name", "drawn", "links", 500));
        assertThat(data(net).get("links")).isEqualTo(202);
        assertThat(String.valueOf(data(net).get("first_links"))).contains("[person-2, person-101, 0.5]");
        ok("advance_simulation", Map.of("world_name", "drawn", "num_steps", 5));
        var picture = ok("render_world", Map.of("world_name", "drawn", "color_by", "knows", "size", 500));
        var png = picture.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                .map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.data())));
        assertThat(image.getWidth()).isEqualTo(500);
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
            }
        }
        assertThat(coloured).as("nodes drawn in colour").isGreaterThan(500);
        assertThat(text(picture)).contains("101 nodes", "202 links", "coloured by knows", "true (", "false (");
    }

    @Test
    void networkMistakesAreNamed() {
        assertThat(error("create_world", Map.of("name", "bad", "network", Map.of("edges", List.of(
                List.of("a", "b"), List.of("a", "zz"))),
                "scripts", Map.of("s", Map.of("language", "lua", "source", "function update(e, inbox) end")),
                "entities", List.of(Map.of("id", "a", "script", "s"), Map.of("id", "b", "script", "s")))))
                .contains("network.edges[1]", "no entity 'zz'");
        ok("create_world", Map.of("name", "plain",
                "scripts", Map.of("s", Map.of("language", "js", "source", "function update(e, inbox) { e.link(e.id); }")),
                "entities", List.of(Map.of("script", "s", "count", 2))));
        assertThat(error("get_network", Map.of("world_name", "plain"))).contains("has no network", "e.link(id)");
        assertThat(error("advance_simulation", Map.of("world_name", "plain", "num_steps", 1)))
                .contains("s-1", "link: an entity cannot link to itself");
        assertThat(error("spawn_entity", Map.of("world_name", "plain", "script", "s", "links", List.of("s-9"))))
                .contains("links[0]", "no entity 's-9'");
    }
}
