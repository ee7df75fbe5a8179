package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 through the packaged server: a count that reaches zero reads zero (or says plainly that it has no value
 * now) in every summary, and a restore says what it changed beside the entities.
 */
class McpTruthfulSummariesIT extends ServerSession {

    /** The reproduction: ten entities record alive = 1 and destroy themselves at t = 5. */
    private static Map<String, Object> mortals(String name, boolean declareMissing) {
        Map<String, Object> w = new HashMap<>(Map.of(
                "name", name,
                "scripts", Map.of("mortal", Map.of("language", "lua", "source", """
                        function update(e, inbox)
                          e.metric('alive', 1)
                          if e.time == 5 then e.destroy() end
                        end
                        """)),
                "entities", List.of(Map.of("script", "mortal", "count", 10))));
        if (declareMissing) {
            w.put("metrics", Map.of("alive", Map.of("missing", 0)));
        }
        return w;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCountThatReachesZeroReadsZeroOrSaysItHasNoValueNow() {
        ok("create_world", mortals("mortals", false));
        var advanced = ok("advance_simulation", Map.of("world_name", "mortals", "num_steps", 8));
        Map<String, Object> last = (Map<String, Object>) data(advanced).get("last_tick_metrics");
        assertThat(last).containsEntry("entities.mortal", 0.0).doesNotContainKey("alive");
        assertThat(((Map<String, Object>) data(advanced).get("no_value_last_tick")).get("alive"))
                .isEqualTo(Map.of("last", 10.0, "last_time", 5.0));
        assertThat(text(advanced)).contains("entities.mortal=0", "no value in the last tick: alive: last 10 at t = 5");

        var alive = ok("get_metric", Map.of("world_name", "mortals", "metric_name", "alive"));
        assertThat(text(alive)).startsWith("alive: last 10 at t = 5 (no value since; the world is at t = 8)");
        assertThat(data(alive)).containsEntry("last_time", 5.0)
                .containsEntry("last_note", "last recorded at t = 5; no value since (t = 8)");
        var count = ok("get_metric", Map.of("world_name", "mortals", "metric_name", "entities.mortal"));
        assertThat(data(count)).containsEntry("last", 0.0).containsEntry("last_time", 8.0)
                .doesNotContainKey("last_note");

        var listed = ok("list_metrics", Map.of("world_name", "mortals"));
        assertThat(text(listed)).contains("No value now: alive: last 10 at t = 5, no value since");
        var metrics = ok("get_metrics", Map.of("world_name", "mortals", "stats_only", true));
        assertThat(text(metrics)).contains("No value now: alive: last 10 at t = 5");
        // the text a model reads is the statistics and the series as a table, not the structured copy again
        String series = text(ok("get_metrics", Map.of("world_name", "mortals")));
        assertThat(series).contains("alive: count 5, mean 10", "last 10 at t = 5, no value since",
                "series:\ntime,alive,entities.mortal\n0,,10\n1,10,10\n", "\n5,10,0\n6,,0\n7,,0\n8,,0")
                .doesNotContain("{\"");
        assertThat(text(ok("plot_metrics", Map.of("world_name", "mortals"))))
                .contains("Lines that end before now (no value since): alive: last 10 at t = 5");

        ok("create_world", mortals("declared", true));
        ok("advance_simulation", Map.of("world_name", "declared", "num_steps", 8));
        var declared = ok("get_metric", Map.of("world_name", "declared", "metric_name", "alive"));
        assertThat(text(declared)).startsWith("alive: last 0 at t = 8,");
        assertThat((List<Object>) data(declared).get("values"))
                .containsExactly(10.0, 10.0, 10.0, 10.0, 10.0, 0.0, 0.0, 0.0);
    }

    @Test
    void anExperimentCountsARunWithoutAValueAtItsFinalTickAsMissing() throws Exception {
        // the walkers die out at a random tick; with 8 ticks some runs end with walkers, some without
        var result = ok("run_experiment", Map.of("experiment", Map.of(
                "name", "extinction",
                "world", Map.of("name", "walk", "params", Map.of("p", 0.25),
                        "scripts", Map.of("w", Map.of("language", "lua", "source", """
                                function update(e, inbox)
                                  e.metric('walkers', 1)
                                  if e.random() < e.params.p then e.destroy() end
                                end
                                """)),
                        "entities", List.of(Map.of("script", "w", "count", 2))),
                "steps", 8, "replications", 12, "seed", 3, "vary", Map.of("p", List.of(0.05, 0.6)))));
        String runs = Files.readString(workspace.resolve("experiments/extinction/extinction-runs.csv"));
        List<String> lines = runs.lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        int last = header.indexOf("walkers.last");
        int lastTime = header.indexOf("walkers.last_time");
        int population = header.indexOf("entities.w.last");
        int extinct = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[population].equals("0")) { // died out: no walker recorded at t = 8
                extinct++;
                assertThat(cells[last]).as(line).isEmpty();
                assertThat(Double.parseDouble(cells[lastTime])).as(line).isLessThan(8);
            } else {
                assertThat(cells[last]).as(line).isEqualTo(cells[population]);
            }
        }
        assertThat(extinct).as("some runs die out").isPositive();
        String summary = Files.readString(workspace.resolve("experiments/extinction/extinction-summary.csv"));
        List<String> sHeader = List.of(summary.lines().findFirst().orElseThrow().split(","));
        int missing = sHeader.indexOf("walkers.missing");
        int n = sHeader.indexOf("walkers.n");
        int totalMissing = 0;
        for (String row : summary.lines().skip(1).toList()) {
            String[] cells = row.split(",", -1);
            totalMissing += Integer.parseInt(cells[missing]);
            assertThat(Integer.parseInt(cells[n]) + Integer.parseInt(cells[missing])).isEqualTo(12);
        }
        assertThat(totalMissing).isEqualTo(extinct);
        assertThat(text(result)).contains("missing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestoreNamesTheScriptsAndParamsItChangedAndCanKeepThem() {
        ok("create_world", Map.of("name", "edited", "params", Map.of("wage", 1.5),
                "scripts", Map.of("worker", Map.of("language", "lua",
                        "source", "function update(e, inbox) e.metric('paid', e.params.wage) end")),
                "entities", List.of(Map.of("script", "worker", "count", 2))));
        String snap = (String) data(ok("create_world_snapshot", Map.of("world_name", "edited"))).get("snapshot_id");
        ok("advance_simulation", Map.of("world_name", "edited", "num_steps", 3));
        ok("update_script", Map.of("world_name", "edited", "script", "worker",
                "source", "function update(e, inbox) e.metric('paid', 2 * e.params.wage) end"));
        ok("set_params", Map.of("world_name", "edited", "params", Map.of("wage", 2)));

        var kept = ok("restore_world_snapshot", Map.of("world_name", "edited", "snapshot_id", snap,
                "keep_scripts", true, "keep_params", true));
        assertThat(text(kept)).contains("scripts and params are as they were");
        ok("advance_simulation", Map.of("world_name", "edited", "num_steps", 1));
        assertThat(data(ok("get_metric", Map.of("world_name", "edited", "metric_name", "paid"))))
                .containsEntry("last", 8.0); // 2 workers x 2 x wage 2: the fix and the new param kept

        var reverted = ok("restore_world_snapshot", Map.of("world_name", "edited", "snapshot_id", snap));
        assertThat(text(reverted)).contains("script 'worker' source back to the snapshot's",
                "param 'wage' 2 -> 1.5", "keep_scripts: true");
        Map<String, Object> changed = (Map<String, Object>) data(reverted).get("changed");
        assertThat((List<Object>) changed.get("params")).containsExactly(Map.of("param", "wage", "from", 2,
                "to", 1.5));
        ok("advance_simulation", Map.of("world_name", "edited", "num_steps", 1));
        assertThat(data(ok("get_metric", Map.of("world_name", "edited", "metric_name", "paid"))))
                .containsEntry("last", 3.0);
    }
}
