package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;

/** The live view in a browser: what it serves, to whom, and the tool calls and change feed the page uses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ViewServerTest {

    private static final String WORLD = """
            name: field
            seed: 4
            params: { speed: 1 }
            space: { kind: grid, width: 20, height: 10 }
            layers: { grass: { initial: 1, max: 2, regrow: 0.1 } }
            scripts:
              walker:
                language: lua
                source: |
                  function update(e, inbox)
                    e.state.energy = e.state.energy + e.take("grass", 0.5)
                    e.move((e.x + e.params.speed) % 20, e.y)
                    e.metric("walkers", 1)
                  end
            entities:
              - { id: first, script: walker, state: { energy: 0 }, at: [3, 4] }
              - { script: walker, count: 19, state: { energy: 0 } }
            """;

    @TempDir
    Path workspace;
    private ServerState state;
    private ViewServer view;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void serve() throws Exception {
        state = new ServerState(new Workspace(workspace));
        state.worlds.put(World.create(WorldFiles.parse(WORLD, false, "world"), null, null), false);
        view = ViewServer.start(state, 0);
    }

    @AfterEach
    void stop() {
        view.close();
    }

    @Test
    void itListensOnLoopbackOnlyAndServesThePageOnlyWithItsToken() throws Exception {
        assertThat(InetAddress.getByName(view.url().getHost()).isLoopbackAddress()).isTrue();
        HttpResponse<String> page = get(view.url(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas id=\"map\"", "ui/initialize").doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "connect-src 'self'"));

        URI noToken = URI.create("http://127.0.0.1:" + view.port() + "/");
        assertThat(get(noToken, null).statusCode()).isEqualTo(403);
        URI wrongToken = URI.create("http://127.0.0.1:" + view.port() + "/?token=" + "0".repeat(32));
        assertThat(get(wrongToken, null).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherSitesPagesAndAnotherHostNameAreRefused() throws Exception {
        assertThat(get(view.url(), "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(get(view.url(), "http://127.0.0.1:" + view.port()).statusCode()).isEqualTo(200);
        // DNS rebinding: a name that resolves to 127.0.0.1 but is not this server's
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), view.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /?token=" + view.token() + " HTTP/1.1\r\nHost: evil.example:" + view.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
            assertThat(status).contains("403");
        }
    }

    @Test
    void itServesNothingButThePageAndTheViewsTools() throws Exception {
        URI other = URI.create("http://127.0.0.1:" + view.port() + "/../.polysim/worlds?token=" + view.token());
        assertThat(get(other, null).statusCode()).isEqualTo(404);
        HttpResponse<String> refused = call("load_world_snapshot_from_file", "{\"file_path\": \"x.yaml\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("the view calls only", "view_world");
    }

    @Test
    void aFrameHasEveryEntityWhereItIsTheLayerTheMetricsAndTheParams() throws Exception {
        call("advance_simulation", "{\"world_name\": \"field\", \"num_steps\": 2}");
        JsonNode frame = result(call("view_world", "{\"world_name\": \"field\", \"color_by\": \"energy\"}"));
        assertThat(frame.path("tick").asLong()).isEqualTo(2);
        JsonNode points = frame.path("points");
        assertThat(points.path("total").asInt()).isEqualTo(20);
        assertThat(points.path("shown").asInt()).isEqualTo(20);
        // 'first' started at (3, 4) and moved 1 a tick: (5, 4), as fractions of the grid's width and height
        var xy = java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(points.path("xy").asString()))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(xy.getShort(0) & 0xffff).isEqualTo(Math.round(5 / 20.0 * 65535));
        assertThat(xy.getShort(2) & 0xffff).isEqualTo(Math.round(4 / 10.0 * 65535));
        assertThat(frame.path("points").path("ids").path("0").asString()).isEqualTo("first");
        assertThat(points.path("value_max").asDouble()).isEqualTo(1.0); // two ticks of 0.5 grass
        assertThat(frame.path("layer").path("name").asString()).isEqualTo("grass");
        assertThat(frame.path("metrics").path("walkers").path("v").toString()).isEqualTo("[20,20]");
        assertThat(frame.path("params").path("speed").asInt()).isEqualTo(1);
    }

    @Test
    void theChangeFeedSaysWhenAWorldMovesOnAndWhenItIsGone() throws Exception {
        HttpResponse<Stream<String>> feed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + view.port() + "/events?token=" + view.token())).build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = feed.body().iterator();
        assertThat(next(lines)).contains("\"world\":\"field\"", "\"tick\":0");
        call("advance_simulation", "{\"world_name\": \"field\", \"num_steps\": 3}");
        assertThat(next(lines)).contains("\"world\":\"field\"", "\"tick\":3");
        state.worlds.locked("field", () -> {
            state.worlds.remove("field");
            return null;
        });
        assertThat(next(lines)).contains("\"world\":\"field\"", "\"gone\":true");
        JsonNode gone = Json.MAPPER.readTree(call("view_world", "{\"world_name\": \"field\"}").body());
        assertThat(gone.path("isError").asBoolean()).isTrue();
    }

    private static String next(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("the feed ended");
    }

    private HttpResponse<String> get(URI uri, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String tool, String arguments) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + view.port() + "/api/call?token="
                        + view.token())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + tool + "\", \"arguments\": " + arguments
                        + "}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode result(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode r = Json.MAPPER.readTree(response.body());
        assertThat(r.path("isError").asBoolean()).as(response.body()).isFalse();
        return r.path("structuredContent");
    }
}
