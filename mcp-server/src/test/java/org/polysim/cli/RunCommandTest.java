package org.polysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** {@code polysim run} through its command line. */
class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Path world(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void runsAWorldPrintsTheMetricsAndSavesTheFinalSnapshot(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: counting
                scripts:
                  c: { language: lua, source: "function update(e, inbox) e.metric('n', 1) end" }
                entities: [ { script: c, count: 3 } ]
                """);
        Path snap = dir.resolve("out/final.json");
        int code = run("run", file.toString(), "--steps", "25", "--seed", "9", "--out", snap.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("world counting: time 25 after 25 ticks")
                .containsPattern("n\\s+25\\s+75\\s+3\\s+3\\s+3\\s+3");
        World reloaded = World.load(snap);
        assertThat(reloaded.tick()).isEqualTo(25);
        assertThat(reloaded.seed()).isEqualTo(9);

        out.getBuffer().setLength(0);
        assertThat(run("run", snap.toString(), "--steps", "5", "--out", dir.resolve("again.json").toString()))
                .isZero();
        assertThat(out.toString()).contains("world counting: time 30 after 5 ticks"); // the ticks this run ran
    }

    @Test
    void withoutOutTheSnapshotGoesToRunsNamedAfterTheFileReadableByAll(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-model.yaml");
        Files.writeString(file, """
                name: something-else
                scripts:
                  c: { language: lua, source: "function update(e, inbox) e.metric('n', 1) end" }
                entities: [ { script: c } ]
                """);
        Path expected = Path.of("runs", dir.getFileName().toString(), "my-model.final.yaml");
        try {
            assertThat(run("run", file.toString(), "--steps", "2")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("snapshot: " + expected);
            assertThat(World.load(expected).tick()).isEqualTo(2);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)))
                    .isEqualTo("rw-r--r--");
        } finally {
            Files.deleteIfExists(expected);
            Files.deleteIfExists(expected.getParent());
        }
    }

    @Test
    void helpListsTheLaunchersTestAndBenchBesideTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run ", "serve ", "sweep ", "  test    Run every test",
                "  bench   Benchmarks");
    }

    @Test
    void aGraalVmLanguageSaysItIsStartingBeforeItsFirstWorld(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: quiet
                scripts:
                  j: { language: js, source: "function update(e, inbox) { e.metric('n', 1); }" }
                  l: { language: lua, source: "function update(e, inbox) end" }
                entities: [ { script: j }, { script: l } ]
                """);
        assertThat(run("run", file.toString(), "--steps", "1", "--out", dir.resolve("q.yaml").toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("polysim: starting JavaScript (GraalJS); the first world of a "
                + "language takes a few seconds...");
    }

    @Test
    void runsASeedProjectWorldFileAndOverridesItsSeed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, """
                {
                  "name": "seed_counting",
                  "script_library": {
                    "c": {"id": "c", "kind": "lua", "script": "local n = 0\\n%s\\n%s\\n%s"}
                  },
                  "entities": [{"id": "a", "script_id": "c", "initial_state": {"n": 0}}]
                }
                """.formatted("function update(current_time, msgs) n = n + 1 world.record_metric('n', n) end",
                "function get_state() return {n = n} end", "function set_state(s) n = s.n end"));
        Path snap = dir.resolve("final.yaml");
        int code = run("run", file.toString(), "--steps", "4", "--seed", "3", "--out", snap.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("world seed_counting: time 4 after 4 ticks")
                .containsPattern("n\\s+4\\s+10\\s+2\\.50*\\s+1\\s+4\\s+4");
        assertThat(World.load(snap).seed()).isEqualTo(3);
    }

    @Test
    void paramsAreOverriddenAsJsonOrElseText(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: tuned
                params: { rate: 1, who: nobody, quoted: 0, list: [], on: false, expr: "", keep: 9 }
                scripts:
                  c: { language: lua, source: "function update(e, inbox) e.metric('n', e.params.rate) end" }
                entities: [ { script: c, count: 2 } ]
                """);
        Path snap = dir.resolve("tuned.json");
        int code = run("run", file.toString(), "--steps", "3", "--out", snap.toString(), "--param", "rate=2.5",
                "--param", "who=alice", "--param", "quoted=\"7\"", "--param", "list=[1, {\"a\": null}]",
                "--param", "on=true", "--param", "expr=x=1 and y", "--param", "rate=0.5");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("n\\s+3\\s+3\\s+1\\s"); // the last rate=0.5, for 2 entities
        assertThat(WorldFiles.toJson(World.load(snap).snapshotParams())).isEqualToIgnoringWhitespace("""
                {"rate": 0.5, "who": "alice", "quoted": "7", "list": [1, {"a": null}], "on": true,
                 "expr": "x=1 and y", "keep": 9}
                """);
    }

    @Test
    void anUnknownParamExitsWith2AndNamesTheKnownOnes(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: tuned
                params: { rate: 1, size: 10 }
                scripts:
                  c: { language: lua, source: "function update(e, inbox) end" }
                entities: [ { script: c } ]
                """);
        Path snap = dir.resolve("tuned.yaml");
        assertThat(run("run", file.toString(), "--steps", "3", "--param", "rte=2", "--out", snap.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--param rte: no such param", "rate, size");
        assertThat(snap).doesNotExist();
        assertThat(run("run", file.toString(), "--steps", "3", "--param", "rate")).isEqualTo(2);
        assertThat(err.toString()).contains("--param", "NAME=VALUE");
    }

    @Test
    void aFileWhoseOnlyParamIsNamedNoneStillListsIt(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: odd
                params: { none: 1 }
                scripts:
                  c: { language: lua, source: "function update(e, inbox) end" }
                entities: [ { script: c } ]
                """);
        assertThat(run("run", file.toString(), "--steps", "1", "--param", "nun=2")).isEqualTo(2);
        assertThat(err.toString()).contains("--param nun: no such param; the params of w.yaml are: none.")
                .doesNotContain("has no params");
    }

    @Test
    void aBadWorldFileExitsWith2AndNamesThePlace(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: bad
                scripts:
                  c: { language: lua, source: "function update(e, inbox) end" }
                entities: [ { script: d } ]
                """);
        assertThat(run("run", file.toString(), "--steps", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("entities[0].script", "no script 'd'");
    }

    @Test
    void aFailingScriptExitsWith1AndSavesTheLastCompletedTick(@TempDir Path dir) throws Exception {
        Path file = world(dir, """
                name: failing
                scripts:
                  c: { language: lua, source: "function update(e, inbox)\\n  if e.time == 4 then error('tired') end\\nend" }
                entities: [ { script: c } ]
                """);
        Path snap = dir.resolve("failing.yaml");
        assertThat(run("run", file.toString(), "--steps", "10", "--out", snap.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("tick 4", "entity 'c-1'", "line 2", "tired");
        assertThat(World.load(snap).tick()).isEqualTo(3);
    }

    @Test
    void missingStepsIsAUsageError() {
        assertThat(run("run", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--steps");
    }
}
