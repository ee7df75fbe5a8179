package org.polysim.experiment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.RunResult;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SweepResult;
import org.polysim.experiment.Tables;

/** Two worker members on 127.0.0.1 give the local backend's tables, even when one of them dies mid-sweep. */
class HazelcastBackendTest {

    /** Runs long enough (a few hundred ms each) that a worker still has runs when it is killed. */
    private static final String WORLD = """
            name: busy
            params: { step: 1 }
            scripts:
              w:
                language: lua
                source: |
                  function update(e, inbox)
                    local s = 0
                    for i = 1, 2000 do s = s + e.random() end
                    e.state.x = (e.state.x or 0) + (s > 1000 and e.params.step or -e.params.step)
                    e.metric("x", e.state.x)
                  end
            entities: [ { script: w, count: 10 } ]
            """;

    private static Experiment experiment(Path dir) throws Exception {
        Files.writeString(dir.resolve("busy.yaml"), WORLD);
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                world: busy.yaml
                steps: 30
                vary: { step: [1, 2, 3] }
                replications: 6
                seed: 11
                """);
        return new ExperimentReader(null).read(file);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Cluster(ClusterConfig a, ClusterConfig b, ClusterConfig coordinator) {
        static Cluster on127() throws Exception {
            int pa = freePort();
            int pb = freePort();
            int pc = freePort();
            List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
            String name = "polysim-test-" + pa;
            return new Cluster(new ClusterConfig(members, name, pa, null, 1),
                    new ClusterConfig(members, name, pb, null, 1),
                    new ClusterConfig(members, name, pc, null, 1));
        }
    }

    private static SweepResult local(Experiment e) throws Exception {
        try (LocalBackend b = new LocalBackend(2)) {
            return Sweep.run(e, b, Backend.Progress.NONE);
        }
    }

    @Test
    void twoMembersGiveTheLocalTablesAndAMemberKilledMidSweepLosesNoRun(@TempDir Path dir) throws Exception {
        Experiment e = experiment(dir);
        SweepResult expected = local(e);
        Cluster c = Cluster.on127();
        try (Worker a = new Worker(c.a()); Worker b = new Worker(c.b());
             HazelcastBackend backend = new HazelcastBackend(c.coordinator(), 30_000)) {
            assertThat(backend.workers()).hasSize(2);
            SweepResult both = Sweep.run(e, backend, Backend.Progress.NONE);
            assertThat(Tables.runs(both)).isEqualTo(Tables.runs(expected));
            assertThat(Tables.summary(both)).isEqualTo(Tables.summary(expected));
            assertThat(backend.resubmitted()).isZero();

            // again, killing worker b once a few runs are in: its running and queued runs go to a
            AtomicInteger done = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            Backend.Progress killer = new Backend.Progress() {
                @Override
                public void runDone(RunResult result) {
                    if (done.incrementAndGet() == 3 && killed.compareAndSet(false, true)) {
                        Thread.ofPlatform().start(b::kill);
                    }
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            };
            SweepResult survived = Sweep.run(e, backend, killer);
            assertThat(killed).isTrue();
            assertThat(backend.resubmitted()).as("runs of the dead member were redone elsewhere").isPositive();
            assertThat(done.get()).as("each run counted once").isEqualTo(e.runCount());
            assertThat(Tables.runs(survived)).isEqualTo(Tables.runs(expected));
            assertThat(Tables.summary(survived)).isEqualTo(Tables.summary(expected));
        }
    }
}
