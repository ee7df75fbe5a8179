package org.polysim.bench;

import java.util.ArrayList;
import java.util.List;
import org.polysim.engine.NetworkView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 27's costs, in one fresh process: building 100k-node networks of about a million links with each random
 * generator (the world built with and without its network, alternating, the difference being the network's build),
 * get_network's measures of one of them, the cost of {@code e.neighbors()} beside a host call that returns a number
 * ({@code e.degree()}) in each language, and a tick of 10,000 Lua entities that each message all their neighbours,
 * by {@code e.broadcast} and by a loop of {@code e.send}, and that each broadcast within a radius in space.
 *
 * <p>usage: {@code NetworkCost ROUNDS}. Prints one line, {@code RESULT <json>}.
 */
public final class NetworkCost {

    static final int BUILD_NODES = 100_000;
    static final List<String[]> GENERATORS = List.of(
            new String[] {"erdos_renyi", "{ kind: erdos_renyi, mean_degree: 20 }"},
            new String[] {"barabasi_albert", "{ kind: barabasi_albert, m: 10, m0: 10 }"},
            new String[] {"watts_strogatz", "{ kind: watts_strogatz, k: 20, p: 0.1 }"});
    static final int CALL_ENTITIES = 1000;
    static final int CALLS_PER_UPDATE = 20;
    static final int BROADCAST_ENTITIES = 10_000;

    private NetworkCost() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ObjectNode out = Workload.JSON.createObjectNode().put("build_nodes", BUILD_NODES);
        ArrayNode builds = out.putArray("builds");
        for (String[] g : GENERATORS) {
            builds.add(build(g[0], g[1], rounds));
        }
        World er = World.create(WorldFiles.parse(idle(BUILD_NODES, "network: { generator: " + GENERATORS.get(0)[1]
                + " }"), false, "er.yaml"), null, null);
        NetworkView view = er.network();
        List<Double> summary = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            view.summary(100, 1);
            summary.add((System.nanoTime() - t) / 1e6);
        }
        er.close();
        out.putPOJO("summary_ms", summary);
        ArrayNode calls = out.putArray("calls");
        for (String language : List.of("lua", "js", "python")) {
            calls.add(calls(language, rounds));
        }
        out.set("broadcast", broadcast(rounds));
        System.out.println("RESULT " + out);
    }

    private static String idle(int n, String network) {
        return """
                name: build
                seed: 1
                scripts: { p: { language: lua, source: "function update(e, inbox) end" } }
                entities: [ { script: p, count: %d } ]
                %s
                """.formatted(n, network);
    }

    /** The world with and without its network, alternating after one untimed pair. */
    private static ObjectNode build(String kind, String generator, int rounds) throws Exception {
        ObjectNode o = Workload.JSON.createObjectNode().put("generator", kind);
        var with = o.putArray("with_ms");
        var without = o.putArray("without_ms");
        for (int r = -1; r < rounds; r++) {
            for (boolean network : new boolean[] {false, true}) {
                System.gc();
                long t = System.nanoTime();
                World w = World.create(WorldFiles.parse(idle(BUILD_NODES, network ? "network: { generator: "
                        + generator + " }" : ""), false, "build.yaml"), null, null);
                double ms = (System.nanoTime() - t) / 1e6;
                if (network) {
                    o.put("links", w.network().links());
                }
                w.close();
                if (r >= 0) {
                    (network ? with : without).add(ms);
                }
            }
        }
        return o;
    }

    /** ns per call of e.neighbors() (10 neighbours) and of e.degree(), each ticked alone, alternating. */
    private static ObjectNode calls(String language, int rounds) throws Exception {
        ObjectNode o = Workload.JSON.createObjectNode().put("language", language)
                .put("calls_per_update", CALLS_PER_UPDATE).put("entities", CALL_ENTITIES).put("neighbours", 10);
        for (String member : List.of("neighbors", "degree")) {
            String source = switch (language) {
                case "lua" -> "function update(e, inbox) for i = 1, " + CALLS_PER_UPDATE + " do local x = e."
                        + member + "() end end";
                case "js" -> "function update(e, inbox) { for (let i = 0; i < " + CALLS_PER_UPDATE + "; i++) { "
                        + "const x = e." + member + "(); } }";
                default -> "def update(e, inbox):\n    for i in range(" + CALLS_PER_UPDATE + "):\n        x = e."
                        + member + "()\n";
            };
            ObjectNode script = Workload.JSON.createObjectNode().put("language", language).put("source", source);
            String yaml = """
                    name: calls
                    seed: 1
                    scripts: { p: %s }
                    entities: [ { script: p, count: %d } ]
                    network: { generator: { kind: ring, k: 10 } }
                    """.formatted(WorldFiles.toJson(script), CALL_ENTITIES);
            try (World w = World.create(WorldFiles.parse(yaml, false, "calls.yaml"), null, null)) {
                w.advance(20);
                var ns = o.putArray(member + "_ns");
                for (int r = 0; r < rounds; r++) {
                    long t = System.nanoTime();
                    w.advance(10);
                    ns.add((System.nanoTime() - t) / (10.0 * CALL_ENTITIES * CALLS_PER_UPDATE));
                }
            }
        }
        return o;
    }

    /** ms a tick of 10k Lua entities each messaging its 10 neighbours, two ways; and a radius broadcast each. */
    private static ObjectNode broadcast(int rounds) throws Exception {
        ObjectNode o = Workload.JSON.createObjectNode().put("entities", BROADCAST_ENTITIES).put("neighbours", 10);
        String[][] ways = {
            {"broadcast", "function update(e, inbox) e.state.heard = #inbox e.broadcast('x', 1) end",
                "network: { generator: { kind: watts_strogatz, k: 10, p: 0.1 } }"},
            {"send_loop", "function update(e, inbox) e.state.heard = #inbox for _, id in ipairs(e.neighbors()) do "
                + "e.send(id, 'x', 1) end end", "network: { generator: { kind: watts_strogatz, k: 10, p: 0.1 } }"},
            {"radius", "function update(e, inbox) e.state.heard = #inbox e.broadcast('x', 1, {radius = 1.8}) end",
                "space: { kind: continuous, width: 100, height: 100, torus: true }"}};
        for (String[] way : ways) {
            ObjectNode script = Workload.JSON.createObjectNode().put("language", "lua").put("source", way[1]);
            String yaml = """
                    name: cast
                    seed: 1
                    scripts: { p: %s }
                    entities: [ { script: p, count: %d } ]
                    %s
                    """.formatted(WorldFiles.toJson(script), BROADCAST_ENTITIES, way[2]);
            try (World w = World.create(WorldFiles.parse(yaml, false, "cast.yaml"), null, null)) {
                w.advance(30);
                var ms = o.putArray(way[0] + "_ms");
                long delivered = 0;
                for (int r = 0; r < rounds; r++) {
                    long t = System.nanoTime();
                    delivered = w.advance(10).delivered();
                    ms.add((System.nanoTime() - t) / 1e6 / 10);
                }
                o.put(way[0] + "_delivered_per_tick", delivered / 10);
            }
        }
        return o;
    }
}
