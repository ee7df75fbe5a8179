package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What RESULTS.md says about issue 12's targets when an earlier run is given ({@code --before}), the response sizes,
 * and which day each part was measured on, from made-up results (no case runs).
 */
class ReportTest {

    @Test
    void issue12sTargetsStandBesideTheEarlierRunsRatiosEachFromItsOwnRun() throws Exception {
        Bench.Results now = new Bench.Results();
        now.ticks.add(tick("wealth", "js", 20));
        now.ticks.add(tick("wealth", "node", 2));
        now.ticks.add(tick("chatter", "lua", 50));
        now.ticks.add(tick("chatter", "java", 25));
        now.coldPython = cold(3000, 2500, 2700);
        ObjectNode before = Workload.JSON.createObjectNode().put("about", "the run of the day before.");
        before.putArray("ticks").add(tick("wealth", "js", 60)).add(tick("wealth", "node", 3));
        before.set("cold_python", cold(3000, 9000));
        now.before = before;

        String md = new Report(now, List.of()).markdown();

        assertThat(md).contains("Before: the run of the day before.")
                .contains("| wealth 10k: js ≤ 5× node | 20× | 10× | **no** |")
                .contains("| chatter 10k: lua ≤ 3× java | – | 2× | yes |")
                .contains("| wealth 10k: python ≤ 1.5× cpython | – | not measured | – |")
                .contains("asked 3 s after the handshake | 9 s | 2.6 s | yes |")
                .contains("| 3 s | 2.5 s, 2.7 s | 9 s |");
    }

    @Test
    void withoutAnEarlierRunThereIsNoBeforeTable() throws Exception {
        Bench.Results now = new Bench.Results();
        now.ticks.add(tick("wealth", "js", 20));
        now.ticks.add(tick("wealth", "node", 2));

        assertThat(new Report(now, List.of()).markdown()).doesNotContain("before and after")
                .contains("| wealth 10k: js ≤ 5× node | 10× | **no** |");
    }

    @Test
    void aComparedBuildsTicksStandBesideThisRunsForPolysimsLanguagesOnly() throws Exception {
        Bench.Results now = new Bench.Results();
        now.ticks.add(tick("wealth", "lua", 22));
        now.ticks.add(tick("wealth", "java", 3));
        now.ticks.add(tick("wealth", "node", 2));
        now.ticks.add(tick("chatter", "js", 40));
        ObjectNode other = Workload.JSON.createObjectNode().put("about", "issue 25's restructure (64d6308 and now).");
        other.putArray("ticks").add(tick("wealth", "lua", 20)).add(tick("wealth", "java", 3))
                .add(tick("wealth", "node", 1));
        now.compare = other;

        String md = new Report(now, List.of()).markdown();

        assertThat(md).contains("## Before and after: issue 25's restructure (64d6308 and now).",
                "| wealth 10000, lua | 20 | 22 | 1.1 |", "| wealth 10000, java | 3 | 3 | 1 |")
                .doesNotContain("| wealth 10000, node |").doesNotContain("| chatter 10000, js |");
        assertThat(new Report(new Bench.Results(), List.of()).markdown()).doesNotContain("## Before and after:");
    }

    @Test
    void aReusedPartKeepsTheDayItWasMeasuredOn() {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("ticks", "2026-11-27");
        results.measuredOn.put("spatial", "2026-11-26");
        results.measuredOn.put("mcp", "2026-11-26");
        results.reused.addAll(List.of("spatial", "mcp"));

        assertThat(results.provenance()).isEqualTo("Measured on each day: 2026-11-27: ticks; 2026-11-26: mcp, "
                + "spatial. Taken from an earlier run's results (`--reuse`): spatial, mcp.");
        assertThat(new Bench.Results().provenance()).isNull();
    }

    @Test
    void responseSizesStandInATableWithTheDayMeasuredAndToolsListBesideItsTarget() throws Exception {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("sizes", "2026-12-06");
        results.sizes = (ObjectNode) Workload.JSON.readTree("""
                {"world": "wealth in Lua, 100 entities, seed 42",
                 "initialize": {"line_bytes": 1718, "instructions_bytes": 1426},
                 "tools_list": {"line_bytes": 25900, "tools": 31, "target_bytes": 25600,
                                "largest": [{"name": "create_world", "bytes": 2139},
                                            {"name": "trace_entity", "bytes": 1699}]},
                 "calls": [{"tool": "get_metrics", "arguments": "all metrics", "line_bytes": 27725,
                            "text_bytes": 13777, "text_sent_bytes": 13878, "structured_bytes": 13738},
                           {"tool": "plot_metrics", "arguments": "defaults", "line_bytes": 28280, "text_bytes": 148,
                            "text_sent_bytes": 150, "structured_bytes": 151, "image_base64_bytes": 27820}]}
                """);

        String md = new Report(results, List.of()).markdown();

        assertThat(md).contains("## Response sizes\n\nBytes on the wire, measured on 2026-12-06:")
                .contains("(wealth in Lua, 100 entities, seed 42)")
                .contains("| `initialize` | | 1,718 | instructions 1,426 | | | |")
                .contains("| `tools/list` | 31 tools | 25,900 (target: under 25,600, **not met**) | | | | |")
                .contains("| `get_metrics` | all metrics | 27,725 | 13,777 | 13,878 | 13,738 | – |")
                .contains("| `plot_metrics` | defaults | 28,280 | 148 | 150 | 151 | 27,820 |")
                .contains("(compact JSON bytes): `create_world` 2,139, `trace_entity` 1,699.")
                .contains("| MCP `tools/list` under 25 KB (25,600 B) | 25,900 B | **no** |");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sizes", "typical", "steady"})
    void aPartMeasuredBesideAReusedOneIsNamedWithItsDay(String part) {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put(part, "2026-12-06");
        results.measuredOn.put("ticks", "2026-11-27");
        results.reused.add("ticks");

        assertThat(Bench.PARTS).contains(part);
        assertThat(results.provenance()).startsWith("Measured on each day: 2026-12-06: " + part
                + "; 2026-11-27: ticks.");
    }

    @Test
    void theTypicalModelStandsBesideItsOwnRuntimesWithIssue24sTargets() throws Exception {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("typical", "2026-12-06");
        ObjectNode typical = Workload.JSON.createObjectNode().put("agents", 300).put("ticks", 200).put("seed", 42)
                .put("quiet_ms", 10_000).put("load_average_start", 1.5).put("load_average_end", 2.5);
        typical.putObject("own_commands").put("cpython", "python3 bench/native/native.py wealth 300 0 1 200");
        ArrayNode servers = typical.putArray("servers");
        server(servers, "python", 1, 16_000, 5_000);
        server(servers, "python", 2, 14_000, 6_000);
        server(servers, "python", 3, 15_000, 4_000);
        server(servers, "lua", 1, 250, 150);
        servers.addObject().put("language", "js").put("round", 1).put("error", "the server closed stdout");
        ArrayNode own = typical.putArray("own");
        own.addObject().put("language", "python").put("runtime", "cpython").put("round", 1).put("process_ms", 200)
                .put("loop_ms", 120);
        own.addObject().put("language", "python").put("runtime", "cpython").put("round", 2).put("process_ms", 250)
                .put("loop_ms", 130);
        own.addObject().put("language", "lua").put("runtime", "lua5.4").put("round", 1).put("process_ms", 50);
        results.typical = typical;

        String md = new Report(results, List.of()).markdown();

        assertThat(md).contains("## A typical first model\n\nIssue 24's measure of what a user feels, measured on "
                        + "2026-12-06:")
                .contains("| language | first world | second world (same server) | own runtime, whole process | "
                        + "first / own | second / own |")
                .contains("| python | 15 s (14–16) | 5 s (4–6) | cpython 0.225 s (0.2–0.25) | 66.7× | 22.2× |")
                .contains("| js | failed | failed | node failed | – | – |")
                .contains("| lua | 0.25 s (0.25–0.25) | 0.15 s (0.15–0.15) | lua5.4 0.05 s (0.05–0.05) | 5× | 3× |")
                .contains("| python | first | 3 s | 12 s | 22.5 s |")
                .contains("| js | – | – | – |")
                .contains("| python | 10 s | 125 ms | `python3 bench/native/native.py wealth 300 0 1 200` |")
                .contains("| typical model (300 agents × 200 ticks): python first world on a fresh server ≤ 2 s "
                        + "| 15 s | **no** |")
                .contains("| typical model (300 agents × 200 ticks): lua first world on a fresh server ≤ 0.3 s "
                        + "| 0.25 s | yes |")
                .contains("| typical model (300 agents × 200 ticks): python second world ≤ 5× cpython's whole "
                        + "process | 22.2× (5 s / 0.225 s) | **no** |")
                .contains("| typical model (300 agents × 200 ticks): lua second world ≤ 5× lua5.4's whole process "
                        + "| 3× (0.15 s / 0.05 s) | yes |")
                .contains("| typical model, first world on a fresh server | python 15 s | The interpreter and a cold")
                .contains("| typical model, second world against the own runtime's whole process | python 22.2× (")
                .contains("Failed: js server 1: the server closed stdout.");
        // the rows stand in the report's targets table too
        assertThat(md.substring(md.indexOf("## Targets"), md.indexOf("## A typical first model")))
                .contains("python first world on a fresh server ≤ 2 s | 15 s | **no** |");
    }

    @Test
    void theMachineTableNamesTheMachineOfEachPartWhenReusedPartsCameFromAnother() throws Exception {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("typical", "2026-12-06");
        results.measuredOn.put("sizes", "2026-12-06");
        results.measuredOn.put("ticks", "2026-11-27");
        results.measuredOn.put("mcp", "2026-11-26");
        results.measuredCpu.put("typical", "AMD EPYC, 2 cores");
        results.measuredCpu.put("sizes", "AMD EPYC, 2 cores");
        results.measuredCpu.put("ticks", "Intel(R) Xeon(R) Processor, 2 cores");
        results.reused.addAll(List.of("sizes", "ticks", "mcp"));

        assertThat(new Report(results, List.of()).markdown()).contains("| CPU | AMD EPYC, 2 cores: sizes (byte "
                + "counts, the same on any machine), typical; Intel(R) Xeon(R) Processor, 2 cores: ticks; not "
                + "recorded: mcp |");
    }

    /** A typical-model server whose worlds took {@code firstMs} and {@code secondMs}, a fifth of it creating. */
    private static void server(ArrayNode servers, String language, int round, double firstMs, double secondMs) {
        ObjectNode s = servers.addObject().put("language", language).put("round", round).put("quiet_cpu_ms", 10_000);
        s.putObject("first").put("create_ms", firstMs / 5).put("advance_ms", firstMs * 4 / 5).put("total_ms", firstMs)
                .put("server_cpu_ms", firstMs * 1.5);
        s.putObject("second").put("create_ms", secondMs / 5).put("advance_ms", secondMs * 4 / 5)
                .put("total_ms", secondMs).put("server_cpu_ms", secondMs * 1.5);
    }

    /** A 10k tick result whose two one-tick blocks each took {@code ms}. */
    @Test
    void theSteadyStateStandsBesideItsOwnRuntimesWithIssue24sTargets() throws Exception {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("steady", "2026-12-07");
        results.steady.add(tick("wealth", "js", 30));
        results.steady.add(tick("wealth", "node", 0.5));
        results.steady.add(tick("wealth", "lua", 20));
        results.steady.add(tick("wealth", "lua5.4", 16));
        results.steady.add(Workload.JSON.createObjectNode().put("workload", "wealth").put("impl", "python")
                .put("n", 10_000).put("error", "exit 1: out of memory"));

        String md = new Report(results, List.of()).markdown();

        assertThat(md).contains("| wealth 10k, ticks 200–400 of a fresh process: js ≤ 10× node | 60× | **no** |")
                .contains("| wealth 10k, ticks 200–400 of a fresh process: lua ≤ 1.5× lua5.4 | 1.25× | yes |")
                .doesNotContain("python ≤ 1.5× cpython")
                .contains("## Steady state after 200 ticks\n\nIssue 24's steady state, measured on 2026-12-07")
                .contains("| js | 30  (30–30) | 0.001 s | 60× node |")
                .contains("| python | failed: exit 1: out of memory | – | – |")
                .contains("## Where issue 24's missed targets stand")
                .contains("| wealth 10k, steady state after 200 ticks | js 60× node | Per update, compiled:")
                .doesNotContain("| typical model, first world")
                .doesNotContain("| spatial models, large");
    }

    @Test
    void aLargeSpatialModelAboveTenTimesItsRuntimeIsAmongIssue24sMisses() throws Exception {
        Bench.Results results = new Bench.Results();
        for (String[] r : new String[][] {{"js", "60"}, {"node", "1.5"}, {"lua", "30"}, {"lua5.4", "10"}}) {
            results.spatial.add(tick("schelling", r[0], Double.parseDouble(r[1])).put("size", "large"));
        }

        String md = new Report(results, List.of()).markdown();

        assertThat(md).contains("| spatial models, large, ≤ 10× the own runtime | schelling js 40× node | ")
                .doesNotContain("schelling lua 3× lua5.4 |");
    }

    private static ObjectNode tick(String workload, String impl, double ms) {
        ObjectNode r = Workload.JSON.createObjectNode().put("workload", workload).put("impl", impl).put("n", 10_000)
                .put("ticks_per_block", 1).put("warmup_ms", 1).put("warmup_ticks", 1);
        r.putArray("block_ms").add(ms).add(ms);
        return r;
    }

    private static ArrayNode cold(long waitMs, double... createMs) {
        ArrayNode launches = Workload.JSON.createArrayNode();
        for (double ms : createMs) {
            launches.addObject().put("wait_ms", waitMs).put("create_ms", ms);
        }
        return launches;
    }
}
