package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What RESULTS.md says about issue 12's targets when an earlier run is given ({@code --before}), and which day each
 * part was measured on, from made-up results (no case runs).
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
