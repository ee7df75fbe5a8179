package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated and mutated arguments thrown at every tool: wrong types, huge and deep values, odd Unicode, empty
 * names, absurd numbers. Every answer is a result (an error that says what to change, or a success), never an
 * "internal error", and the server keeps answering. Seeded, so a failure replays.
 */
class McpFuzzIT extends ServerSession {

    private static final long SEED = 20261126L;
    private static final int ROUNDS = 12;

    private static final Map<String, Object> WORLD = Map.of("name", "fuzz", "params", Map.of("rate", 1),
            "scripts", Map.of("c", Map.of("language", "lua", "source",
                    "function update(e, inbox) e.state.n = (e.state.n or 0) + 1 e.metric('n', 1) end")),
            "entities", List.of(Map.of("id", "a", "script", "c"), Map.of("script", "c", "count", 2)));

    /** Values a careless or hostile client sends. */
    private static List<Object> hostile(Random r) {
        List<Object> deep = new ArrayList<>();
        List<Object> at = deep;
        for (int i = 0; i < 300; i++) {
            List<Object> next = new ArrayList<>();
            at.add(next);
            at = next;
        }
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            wide.put("k" + i, i);
        }
        return List.of("", " ", "x".repeat(4096), "z".repeat(4096) + ".json", "dir/".repeat(300) + "f.yaml", "y".repeat(200_000), "../../etc/passwd", "/etc/passwd.json",
                "a/../../b.yaml", "\u0000", "\u202Eevil\u202C", "名前🌍", "\uD83D", "-1", "NaN", "1e309",
                -1, 0, 1, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 3.5, 1e30, Integer.MAX_VALUE,
                true, false, List.of(), List.of("a", 1, List.of()), deep, Map.of(), Map.of("", ""), wide,
                Map.of("__proto__", Map.of("x", 1)), r.nextLong());
    }

    /** Plausible values for an argument, so mutations reach past the first check. */
    private static Object plausible(String name, Random r) {
        return switch (name) {
            case "world_name", "source_world_name" -> "fuzz";
            case "target_world_name", "name" -> "fuzz-" + r.nextInt(3);
            case "entity_id" -> "a";
            case "script" -> "c";
            case "metric_name" -> "n";
            case "num_steps" -> 1;
            case "file_path" -> "out/f.json";
            case "state", "params" -> Map.of("n", 1);
            case "source" -> "function update(e, inbox) end";
            default -> null;
        };
    }

    @Test
    void noArgumentMakesAnInternalErrorOrKillsTheServer() {
        ok("create_world", WORLD);
        Random r = new Random(SEED);
        List<McpSchema.Tool> tools = client.listTools().tools();
        List<String> internal = new ArrayList<>();
        int calls = 0;
        // every argument of every tool gets every hostile value once, the other arguments plausible
        for (McpSchema.Tool tool : tools) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) tool.inputSchema().get("properties");
            for (String n : props == null ? List.<String>of() : props.keySet()) {
                for (Object v : hostile(r)) {
                    Map<String, Object> args = new HashMap<>();
                    props.keySet().forEach(k -> {
                        Object p = plausible(k, r);
                        if (p != null) {
                            args.put(k, p);
                        }
                    });
                    args.put(n, v);
                    check(tool.name(), safe(tool.name(), args), internal);
                    calls++;
                }
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (McpSchema.Tool tool : tools) {
                @SuppressWarnings("unchecked")
                Map<String, Object> props = (Map<String, Object>) tool.inputSchema().get("properties");
                List<String> names = new ArrayList<>(props == null ? List.of() : props.keySet());
                names.add("unexpected_" + round);
                List<Object> values = hostile(r);
                Map<String, Object> args = new HashMap<>();
                for (String n : names) {
                    Object p = plausible(n, r);
                    if (p != null && r.nextBoolean()) {
                        args.put(n, p);
                    }
                }
                // mutate: one to three arguments get a hostile value, some are dropped
                for (int m = 1 + r.nextInt(3); m > 0; m--) {
                    args.put(names.get(r.nextInt(names.size())), values.get(r.nextInt(values.size())));
                }
                if (r.nextInt(4) == 0 && !args.isEmpty()) {
                    args.remove(args.keySet().iterator().next());
                }
                check(tool.name(), safe(tool.name(), args), internal);
                calls++;
            }
        }
        assertThat(internal).as("internal errors").isEmpty();
        assertThat(calls).isGreaterThan(ROUNDS * tools.size());
        assertThat(text(ok("get_world_state", Map.of("world_name", "fuzz")))).contains("world 'fuzz'");
    }

    /** The arguments, kept off the world every other call uses where a call would delete or replace it. */
    private static Map<String, Object> safe(String tool, Map<String, Object> args) {
        if (tool.equals("create_world") && !args.containsKey("name")) {
            args.put("name", "fuzz-" + Math.floorMod(args.hashCode(), 3));
        }
        if ("fuzz".equals(args.get("name"))) {
            args.put("name", "fuzz-0");
        }
        if (tool.equals("delete_world") || tool.equals("restore_world_snapshot")
                || tool.equals("load_world_snapshot_from_file")) {
            args.put("world_name", "fuzz-" + Math.floorMod(args.hashCode(), 3));
        }
        return args;
    }

    private static void check(String tool, Map<String, Object> args, List<String> internal) {
        McpSchema.CallToolResult res = call(client, tool, args);
        String text = text(res);
        if (text.contains("internal error") || text.contains("Exception:") || text.contains("\tat ")
                || text.isBlank()) {
            internal.add(tool + " " + abbreviate(args) + " -> " + abbreviate(text));
        }
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
