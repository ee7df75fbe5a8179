package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The raw stdio stream: only JSON-RPC on stdout, malformed lines answered, EOF ends the process. */
class StdioIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path workspace;

    private static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}\n";
    }

    private static final String INIT = request(1, "initialize", "{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}")
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    /** Sends {@code input}, closes stdin, and returns every stdout line; asserts the process ends promptly. */
    private List<String> exchange(String... input) throws Exception {
        Process p = new ProcessBuilder(ServerProcess.command(workspace)).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            long expected = 0;
            for (String chunk : input) { // one call at a time, each answered before the next, as clients do
                in.write(chunk.getBytes(StandardCharsets.UTF_8));
                in.flush();
                expected += answers(chunk);
                waitFor(lines, expected);
            }
        }
        long closed = System.nanoTime();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("process exits after stdin EOF").isTrue();
        assertThat((System.nanoTime() - closed) / 1e9).isLessThan(10);
        reader.join(5000);
        return lines;
    }

    /** Lines of a chunk that get an answer: requests (they have an id) and malformed lines. */
    private static long answers(String chunk) {
        return chunk.lines().filter(l -> l.contains("\"id\"") || !l.contains("\"jsonrpc\":\"2.0\"")).count();
    }

    private static void waitFor(List<String> lines, long expected) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            synchronized (lines) {
                if (lines.size() >= expected) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode byId(List<String> lines, int id) {
        return lines.stream().map(JSON::readTree).filter(n -> n.path("id").asInt(-1) == id).findFirst()
                .orElseThrow(() -> new AssertionError("no answer with id " + id + " in " + lines));
    }

    @Test
    void stdoutCarriesOnlyJsonRpcEvenWhenScriptsPrintAndCallsFail() throws Exception {
        String world = "{\"name\":\"noisy\",\"scripts\":{\"n\":{\"language\":\"lua\",\"source\":"
                + "\"function update(e, inbox) print('PRINTED TO STDOUT?') e.log('logged') "
                + "if e.time == 3 then error('boom') end end\"}},\"entities\":[{\"script\":\"n\",\"count\":2}]}";
        List<String> lines = exchange(INIT,
                request(2, "tools/call", "{\"name\":\"create_world\",\"arguments\":" + world + "}"),
                request(3, "tools/call", "{\"name\":\"advance_simulation\",\"arguments\":{\"world_name\":\"noisy\","
                        + "\"num_steps\":5}}"),
                request(4, "tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}"),
                request(5, "tools/call", "{\"name\":\"get_log\",\"arguments\":{\"world_name\":\"noisy\"}}"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode n = JSON.readTree(line);
            assertThat(n.path("jsonrpc").asString()).isEqualTo("2.0");
        });
        assertThat(String.join("\n", lines)).doesNotContain("PRINTED TO STDOUT?\n");
        assertThat(byId(lines, 3).path("result").path("isError").asBoolean()).isTrue();
        assertThat(byId(lines, 5).toString()).contains("PRINTED TO STDOUT?", "logged");
    }

    @Test
    void malformedLinesGetJsonRpcErrorsAndTheSessionGoesOn() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(StdioGuard.MAX_LINE + 10) + "\"}}\n";
        List<String> lines = exchange(INIT,
                "this is not json\n",
                "{\"hello\": \"world\"}\n",
                "[1, 2, 3]\n",
                huge,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42}\n",
                request(8, "tools/list", "{}"));
        List<JsonNode> errors = lines.stream().map(JSON::readTree).filter(n -> n.has("error")).toList();
        assertThat(errors).extracting(n -> n.path("error").path("code").asInt())
                .contains(-32700, -32600, -32600, -32600, -32600);
        assertThat(errors).anySatisfy(e -> assertThat(e.toString()).contains("longer than 32 MiB"));
        assertThat(errors).anySatisfy(e -> assertThat(e.path("id").asInt()).isEqualTo(7));
        assertThat(byId(lines, 8).path("result").path("tools").size()).isGreaterThan(10);
    }
    /**
     * tools/list is what every conversation in a desktop client pays for before it starts: under 25 KB on the wire
     * (it was 38.3 KB), with every tool still described and every argument of create_world's world file named.
     */
    @Test
    void toolsListFitsInTwentyFiveKilobytes() throws Exception {
        List<String> lines = exchange(INIT, request(2, "tools/list", "{}"));
        String line = lines.stream().filter(l -> JSON.readTree(l).path("id").asInt(-1) == 2).findFirst()
                .orElseThrow();
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThan(25 * 1024);
        JsonNode tools = JSON.readTree(line).path("result").path("tools");
        assertThat(tools.valueStream().map(t -> t.path("description").asString(""))).allMatch(d -> d.length() > 20);
        assertThat(tools.valueStream().filter(t -> t.path("name").asString().equals("create_world")).findFirst()
                .orElseThrow().path("inputSchema").path("properties").propertyNames())
                .contains("name", "scripts", "entities", "params", "seed", "space", "layers", "metrics", "limits");
    }

    @Test
    void argumentsThatAreNotAnObjectAreInvalidParamsForEveryTool() throws Exception {
        List<String> listed = exchange(INIT, request(2, "tools/list", "{}"));
        List<String> tools = byId(listed, 2).path("result").path("tools").valueStream()
                .map(t -> t.path("name").asString()).toList();
        assertThat(tools).contains("trace_entity", "create_world");
        List<String> calls = new ArrayList<>(List.of(INIT));
        int id = 10;
        for (String tool : tools) {
            for (String arguments : List.of("[\"w\"]", "42", "\"world_name=w\"", "true")) {
                calls.add(request(id++, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments
                        + "}"));
            }
        }
        calls.add(request(id, "tools/call", "{\"name\":\"list_worlds\",\"arguments\":{}}"));
        List<String> lines = exchange(calls.toArray(String[]::new));
        for (int i = 10; i < id; i++) {
            JsonNode answer = byId(lines, i);
            assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(-32602);
            assertThat(answer.path("error").path("message").asString()).as(answer.toString())
                    .contains("must be an object").doesNotContain("jackson", "Exception");
        }
        assertThat(byId(lines, 10).toString()).contains("arguments of " + tools.getFirst(), "got an array");
        assertThat(byId(lines, id).path("result").path("isError").asBoolean()).isFalse(); // the session goes on
    }
}
