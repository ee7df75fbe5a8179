package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** plot_metrics, export_metrics and export_entities through the packaged server, as a client sees them. */
class McpPlotIT extends ServerSession {

    private static final Map<String, Object> GROW = Map.of(
            "name", "grow",
            "scripts", Map.of("c", Map.of("language", "lua", "source", """
                    function update(e, inbox)
                      e.state.n = (e.state.n or 0) + 1
                      e.metric("size", e.time * 3)
                      e.metric("one", 1)
                    end
                    """)),
            "entities", List.of(Map.of("script", "c", "count", 2, "state", Map.of("wallet", Map.of("cash", 5)))));

    private static BufferedImage image(McpSchema.CallToolResult r) throws Exception {
        McpSchema.ImageContent png = r.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                .map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
        assertThat(png.mimeType()).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.data())));
    }

    @Test
    void plotsOneOrSeveralWorldsAsAnImageAndSaysWhatIsWrongWithBadNames() throws Exception {
        ok("create_world", GROW);
        ok("advance_simulation", Map.of("world_name", "grow", "num_steps", 30));
        McpSchema.CallToolResult r = ok("plot_metrics", Map.of("world_name", "grow", "metrics", List.of("size")));
        BufferedImage chart = image(r);
        assertThat(chart.getWidth()).isEqualTo(800);
        assertThat(chart.getHeight()).isEqualTo(500);
        assertThat(text(r)).startsWith("chart of size from time 1 to 30: 30 points, 800x500 PNG");

        ok("copy_world", Map.of("source_world_name", "grow", "target_world_name", "branch"));
        ok("advance_simulation", Map.of("world_name", "branch", "num_steps", 10));
        r = ok("plot_metrics", Map.of("world_names", List.of("grow", "branch"), "metrics", List.of("size"),
                "width", 500, "height", 300, "title", "grow vs branch"));
        assertThat(image(r).getWidth()).isEqualTo(500);
        assertThat(data(r).get("lines")).isEqualTo(List.of("grow/size", "branch/size"));

        assertThat(error("plot_metrics", Map.of("world_name", "grow", "metrics", List.of("sise"))))
                .contains("no metric 'sise' in world 'grow' (metrics: size, one, entities.c)");
        assertThat(error("plot_metrics", Map.of("world_name", "gorw"))).contains("gorw", "grow");
        assertThat(error("plot_metrics", Map.of("world_name", "grow", "width", 5000)))
                .contains("'width' must be between 200 and 800");
        assertThat(error("plot_metrics", Map.of("metrics", List.of("size")))).contains("world_name", "world_names");
    }

    @Test
    void exportsMetricsAndEntitiesAsCsvInTheWorkspace() throws Exception {
        ok("create_world", Map.of("example", "boltzmann-wealth", "name", "wealth"));
        ok("advance_simulation", Map.of("world_name", "wealth", "num_steps", 12));
        McpSchema.CallToolResult r = ok("export_metrics", Map.of("world_name", "wealth", "file_path",
                "out/wealth.csv", "metrics", List.of("total_wealth")));
        Path file = Path.of((String) data(r).get("file_path"));
        assertThat(file).startsWith(workspace.toRealPath());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(13).first().isEqualTo("time,tick,total_wealth");
        Map<String, Object> metric = data(ok("get_metric", Map.of("world_name", "wealth", "metric_name",
                "total_wealth")));
        List<?> values = (List<?>) metric.get("values");
        for (int i = 0; i < values.size(); i++) {
            assertThat(Double.parseDouble(lines.get(i + 1).split(",")[2]))
                    .isEqualTo(((Number) values.get(i)).doubleValue());
        }
        assertThat(text(r)).contains("wrote 12 ticks x 3 columns", "time,tick,total_wealth");

        r = ok("export_entities", Map.of("world_name", "wealth", "file_path", "out/agents.csv"));
        assertThat(((Number) data(r).get("rows")).intValue())
                .isEqualTo(((Number) data(ok("get_world_state", Map.of("world_name", "wealth"))).get("entities"))
                        .intValue());
        assertThat(Files.readAllLines(Path.of((String) data(r).get("file_path"))).getFirst()).startsWith("id,script,");

        assertThat(error("export_metrics", Map.of("world_name", "wealth", "file_path", "../escape.csv")))
                .contains("outside the workspace");
        assertThat(error("export_entities", Map.of("world_name", "wealth", "file_path", "agents.yaml")))
                .contains("must end in .csv");
        assertThat(error("export_metrics", Map.of("world_name", "wealth", "file_path", "x.csv", "metrics",
                List.of("gini", "ginni")))).contains("no metric 'ginni'", "gini");
    }

    /** Five metrics of two scales (the firms next to firm_cash) are two panels, each named by its own. */
    @Test
    void metricsOfDifferentScalesAreDrawnInPanelsByScale() throws Exception {
        ok("create_world", Map.of("name", "economy", "scripts", Map.of("g", Map.of("language", "lua", "source", """
                function update(e, inbox)
                  e.metric("firms", 12 + e.time % 3)
                  e.metric("claims", 4 + e.time % 5)
                  e.metric("firm_cash", 12000 + 100 * e.time)
                  e.metric("gov_budget", 15000 - 50 * e.time)
                  e.metric("pollution_total", 10000 + 30 * e.time)
                end
                """)), "entities", List.of(Map.of("id", "gov", "script", "g"))));
        ok("advance_simulation", Map.of("world_name", "economy", "num_steps", 40));
        McpSchema.CallToolResult r = ok("plot_metrics", Map.of("world_name", "economy", "metrics",
                List.of("firms", "claims", "firm_cash", "gov_budget", "pollution_total")));
        image(r);
        assertThat(data(r)).containsEntry("panels", 2);
        assertThat(text(r)).contains("in 2 panels by scale: [firms, claims], [firm_cash, gov_budget, "
                + "pollution_total]");
    }
}
