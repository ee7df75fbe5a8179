package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void aReusedSizesPartIsNamedWithItsDay() {
        Bench.Results results = new Bench.Results();
        results.measuredOn.put("sizes", "2026-12-06");
        results.measuredOn.put("ticks", "2026-11-27");
        results.reused.add("ticks");

        assertThat(Bench.PARTS).contains("sizes");
        assertThat(results.provenance()).startsWith("Measured on each day: 2026-12-06: sizes; 2026-11-27: ticks.");
    }

    /** A 10k tick result whose two one-tick blocks each took {@code ms}. */
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
