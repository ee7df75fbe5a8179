package org.polysim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments through the public API: plan, seeds, both tables, determinism across thread counts, and bad input. */
class SweepTest {

    /** A coin-flipping walk: each entity's final position depends on its seed, and `step` scales it. */
    static final String WORLD = """
            name: walk
            params: { step: 1, bias: 0.5 }
            scripts:
              w:
                language: lua
                source: |
                  function update(e, inbox)
                    local s = e.state
                    if e.random() < e.params.bias then s.x = (s.x or 0) + e.params.step
                    else s.x = (s.x or 0) - e.params.step end
                    e.metric("x", s.x)
                    e.metric("ticks", 1)
                  end
            entities: [ { script: w, count: 3 } ]
            """;

    static Experiment experiment(Path dir, String body) throws Exception {
        Files.writeString(dir.resolve("walk.yaml"), WORLD);
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, body);
        return new ExperimentReader(null).read(file);
    }

    static final String GRID = """
            world: walk.yaml
            steps: 20
            vary: { step: [1, 2], bias: [0.3, 0.7] }
            replications: 3
            seed: 7
            """;

    static SweepResult sweep(Experiment e, int threads) throws Exception {
        try (LocalBackend b = new LocalBackend(threads)) {
            return Sweep.run(e, b, Backend.Progress.NONE);
        }
    }

    @Test
    void theTablesAreTheSameBytesOnOneThreadAndOnTwo(@TempDir Path dir) throws Exception {
        Experiment e = experiment(dir, GRID);
        SweepResult one = sweep(e, 1);
        SweepResult two = sweep(e, 2);
        assertThat(Tables.runs(two)).isEqualTo(Tables.runs(one));
        assertThat(Tables.summary(two)).isEqualTo(Tables.summary(one));
        Tables.Files files = Tables.write(two, dir.resolve("out"));
        assertThat(Files.readString(files.runs())).isEqualTo(Tables.runs(one));
    }

    @Test
    void theRunsTableHasARowPerRunWithDistinctSeedsAndTheStatisticsOfEachMetric(@TempDir Path dir)
            throws Exception {
        SweepResult r = sweep(experiment(dir, GRID), 2);
        List<String> lines = Tables.runs(r).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("run,point,replication,seed,step,bias,entities.w.last,"
                + "entities.w.last_time,entities.w.mean,entities.w.min,entities.w.max,entities.w.total,ticks.last,"
                + "ticks.last_time,ticks.mean,ticks.min,ticks.max,ticks.total,x.last,x.last_time,x.mean,x.min,x.max,"
                + "x.total");
        assertThat(lines).hasSize(1 + 4 * 3);
        assertThat(lines.get(1)).startsWith("0,0,0,").contains(",1,0.3,3,20,3,3,3,63,3,20,3,3,3,60,");
        assertThat(lines.get(12)).startsWith("11,3,2,").contains(",2,0.7,3,20,3,3,3,63,3,20,3,3,3,60,");
        Set<Long> seeds = new HashSet<>();
        r.runs().forEach(run -> seeds.add(run.seed()));
        assertThat(seeds).as("no seed reused across runs").hasSize(12);
        // replications differ: the walk's final position is not the same in all three runs of a point
        Set<Double> finals = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            finals.add(r.results().get(i).metrics().get("x").last());
        }
        assertThat(finals).hasSizeGreaterThan(1);
    }

    @Test
    void theSummaryGivesMeanSdAndStudentsTIntervalOfEachRunsLastValue(@TempDir Path dir) throws Exception {
        SweepResult r = sweep(experiment(dir, GRID), 2);
        double[] lasts = new double[3];
        for (int i = 0; i < 3; i++) {
            lasts[i] = r.results().get(i).metrics().get("x").last();
        }
        double mean = (lasts[0] + lasts[1] + lasts[2]) / 3;
        double ss = 0;
        for (double v : lasts) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / 2);
        Statistics.Sample s = r.summaries().getFirst().metrics().get("x");
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.sd()).isCloseTo(sd, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.ciHigh() - mean).isCloseTo(4.302652729911275 * sd / Math.sqrt(3),
                org.assertj.core.data.Offset.offset(1e-9));
        String header = Tables.summary(r).lines().findFirst().orElseThrow();
        assertThat(header).isEqualTo("point,step,bias,entities.w.n,entities.w.missing,entities.w.mean,"
                + "entities.w.sd,entities.w.ci95_low,entities.w.ci95_high,ticks.n,ticks.missing,ticks.mean,ticks.sd,"
                + "ticks.ci95_low,ticks.ci95_high,x.n,x.missing,x.mean,x.sd,x.ci95_low,x.ci95_high");
    }

    @Test
    void seedsFollowTheGridPointsValuesSoExtendingASweepKeepsEveryExistingRun(@TempDir Path dir) throws Exception {
        List<RunSpec> small = Sweep.plan(experiment(dir, GRID));
        List<RunSpec> larger = Sweep.plan(experiment(dir, GRID.replace("[1, 2]", "[1, 2, 3]")
                .replace("replications: 3", "replications: 4")));
        assertThat(larger.get(0).seed()).isEqualTo(small.get(0).seed()); // step 1, bias 0.3, replication 0
        assertThat(larger.get(4 + 2).seed()).isEqualTo(small.get(3 + 2).seed()); // step 1, bias 0.7, replication 2
    }

    @Test
    void fixedParamsOverrideTheWorldsAndTheGridOverridesThem(@TempDir Path dir) throws Exception {
        Experiment e = experiment(dir, GRID + "params: { bias: 1, step: 5 }\n".replace("bias: 1, ", ""));
        RunSpec first = Sweep.plan(e).getFirst();
        assertThat(first.params()).isEqualTo("{\"step\":1,\"bias\":0.3}");
        Experiment fixed = experiment(dir, "world: walk.yaml\nsteps: 5\nparams: { bias: 1 }\nreplications: 2\n");
        SweepResult r = sweep(fixed, 1);
        assertThat(r.results().getFirst().metrics().get("x").last()).isEqualTo(15); // 3 walkers, always up
    }

    @Test
    void badInputIsRefusedBeforeAnyRunNamingTheField(@TempDir Path dir) {
        assertThatThrownBy(() -> experiment(dir, GRID.replace("step: [1, 2]", "stpe: [1, 2]")))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("vary.stpe: the world has no param 'stpe' (its params: step, bias)");
        assertThatThrownBy(() -> experiment(dir, GRID.replace("[1, 2]", "[]")))
                .hasMessageContaining("vary.step: is an empty list");
        assertThatThrownBy(() -> experiment(dir, GRID.replace("replications: 3", "replications: 0")))
                .hasMessageContaining("replications: must be at least 1 and at most 1000000, got 0");
        assertThatThrownBy(() -> experiment(dir, GRID.replace("walk.yaml", "nowhere.yaml")))
                .hasMessageContaining("world: no world file 'nowhere.yaml'");
        assertThatThrownBy(() -> experiment(dir, GRID.replace("steps: 20", "stepz: 20")))
                .hasMessageContaining("stepz: unknown field");
        assertThatThrownBy(() -> experiment(dir, GRID.replace("[1, 2]", "[1, 1]")))
                .hasMessageContaining("vary.step: lists 1 twice");
        assertThatThrownBy(() -> experiment(dir, GRID + "params: { speed: 2 }\n"))
                .hasMessageContaining("params.speed: the world has no param 'speed'");
    }

    @Test
    void aWorldsEdgeFileTravelsWithItAsLinks(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("walk.yaml"), WORLD + "network: { edges_file: links.csv }\n");
        Files.writeString(dir.resolve("links.csv"), "from,to,weight\nw-1,w-2,0.5\nw-2,w-3\n");
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GRID);
        Experiment e = new ExperimentReader(null).read(file);
        // the definition needs no file: a run on another machine has its links
        assertThat(e.world().path("network").has("edges_file")).isFalse();
        assertThat(e.world().path("network").path("edges").toString())
                .isEqualTo("[[\"w-1\",\"w-2\",0.5],[\"w-2\",\"w-3\",1.0]]");
        assertThat(sweep(e, 1).results()).hasSize(12);
    }

    @Test
    void aWorldThatDoesNotLoadIsRefusedWithTheEnginesReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), WORLD.replace("function update", "function update("));
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GRID.replace("walk.yaml", "broken.yaml"));
        assertThatThrownBy(() -> new ExperimentReader(null).read(file)).isInstanceOf(ExperimentException.class)
                .hasMessageContaining("world: does not load:").hasMessageContaining("script 'w' (lua");
    }

    @Test
    void aMeasuredMetricTheFirstRunDidNotRecordStopsTheSweepNamingIt(@TempDir Path dir) throws Exception {
        Experiment e = experiment(dir, GRID + "measure: [x, y]\n");
        int[] runs = {0};
        Backend.Progress counting = new Backend.Progress() {
            @Override
            public void runDone(RunResult result) {
                runs[0]++;
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        try (LocalBackend b = new LocalBackend(2)) {
            assertThatThrownBy(() -> Sweep.run(e, b, counting)).isInstanceOf(ExperimentException.class)
                    .hasMessageContaining("measure: metric 'y' was not recorded in the first run")
                    .hasMessageContaining("it recorded entities.w, ticks, x");
        }
        assertThat(runs[0]).as("no run is reported: the sweep stopped after the first, before the others").isZero();
    }

    @Test
    void aFailingRunStopsTheSweepAndNamesTheRunItsParamsAndSeed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("walk.yaml"), WORLD.replace("e.metric(\"ticks\", 1)",
                "e.metric(\"ticks\", 1) if e.params.step == 2 and e.time == 3 then error('boom') end"));
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, GRID);
        Experiment e = new ExperimentReader(null).read(file);
        try (LocalBackend b = new LocalBackend(2)) {
            assertThatThrownBy(() -> Sweep.run(e, b, Backend.Progress.NONE)).isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("\"step\":2").hasMessageContaining("boom").hasMessageContaining("seed ");
        }
    }
}
