package org.polysim.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** CSV exports parsed back with a CSV parser and compared with what the engine holds. */
class CsvExportTest {

    @TempDir
    Path dir;

    static World world() throws Exception {
        World w = World.create(WorldFiles.parse("""
                name: csv
                dt: 0.5
                scripts:
                  c:
                    language: lua
                    source: |
                      function update(e, inbox)
                        e.state.n = (e.state.n or 0) + 1
                        e.metric("count", 1)
                        e.metric("half", e.state.n / 2)
                        if e.state.n %% 2 == 0 then e.metric("even", e.state.n) end
                        if e.id == "c-2" then e.state.extra = {tags = {"a", "b"}, deep = {k = true}} end
                      end
                entities:
                  - { script: c, count: 2, state: { wallet: { cash: 10, note: "x, \\"quoted\\"" }, id: 7 } }
                """.formatted(), false, "csv"), null, null);
        w.advance(6);
        return w;
    }

    static List<Map<String, String>> read(Path file) throws Exception {
        CsvMapper mapper = CsvMapper.builder().build();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void metricsAreOneRowPerTickWithTimeAndTickFirstAndEmptyCellsWhereNoValue() throws Exception {
        try (World w = world()) {
            Path file = dir.resolve("out/metrics.csv");
            CsvFile.Written written = MetricsCsv.write(file, Metrics.of(w, null), null, null, w.dt());
            assertThat(written.rows()).isEqualTo(7); // time 0 has the engine's count of c only
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("one rule for every file polysim writes").isEqualTo("rw-r--r--");
            assertThat(Files.readAllLines(file).getFirst()).isEqualTo("time,tick,count,half,even,entities.c");
            List<Map<String, String>> rows = read(file);
            assertThat(rows).hasSize(7);
            assertThat(rows.getFirst()).containsEntry("time", "0").containsEntry("count", "")
                    .containsEntry("entities.c", "2");
            for (String name : w.metricNames()) {
                MetricView m = w.metric(name).orElseThrow();
                for (int i = 0; i < m.times().length; i++) {
                    double time = m.times()[i];
                    Map<String, String> row = rows.stream().filter(r -> Double.parseDouble(r.get("time")) == time)
                            .findFirst().orElseThrow();
                    assertThat(Double.parseDouble(row.get(name))).as(name + " at " + time).isEqualTo(m.values()[i]);
                    assertThat(Long.parseLong(row.get("tick"))).isEqualTo(Math.round(time / w.dt()));
                }
            }
            assertThat(rows.get(1)).containsEntry("time", "0.5").containsEntry("tick", "1")
                    .containsEntry("count", "2").containsEntry("half", "1").containsEntry("even", "");
            assertThat(written.preview().lines()).hasSize(1 + CsvFile.PREVIEW_ROWS);
        }
    }

    @Test
    void aWindowAndAChoiceOfMetricsLimitTheTable() throws Exception {
        try (World w = world()) {
            Path file = dir.resolve("window.csv");
            MetricsCsv.write(file, Metrics.of(w, List.of("even")), 1.0, 2.0, w.dt());
            assertThat(Files.readAllLines(file)).containsExactly("time,tick,even", "1,2,4", "2,4,8");
        }
    }

    @Test
    void entitiesAreOneRowEachWithTheirStateFlattenedAndSorted() throws Exception {
        try (World w = world()) {
            Path file = dir.resolve("entities.csv");
            CsvFile.Written written = EntitiesCsv.write(file, w);
            assertThat(written.rows()).isEqualTo(2);
            assertThat(Files.readAllLines(file).getFirst()).isEqualTo(
                    "id,script,extra.deep.k,extra.tags,state.id,n,wallet.cash,wallet.note");
            List<Map<String, String>> rows = read(file);
            assertThat(rows.get(0)).containsEntry("id", "c-1").containsEntry("script", "c").containsEntry("n", "6")
                    .containsEntry("wallet.cash", "10").containsEntry("wallet.note", "x, \"quoted\"")
                    .containsEntry("state.id", "7").containsEntry("extra.tags", "");
            assertThat(rows.get(1)).containsEntry("id", "c-2").containsEntry("extra.tags", "[\"a\",\"b\"]")
                    .containsEntry("extra.deep.k", "true");
            assertThat(w.entityState("c-2").orElseThrow().get("n").asInt()).isEqualTo(6);
        }
    }

    @Test
    void entitiesInASpaceHaveTheirPositionAfterTheScriptAndAStateXIsRenamed() throws Exception {
        try (World w = World.create(WorldFiles.parse("""
                name: placed
                space: { kind: continuous, width: 10, height: 10 }
                scripts: { s: { language: lua, source: "function update(e, inbox) end" } }
                entities:
                  - { id: a, script: s, state: { x: 99 }, at: [1.5, 2] }
                  - { id: b, script: s, at: none }
                """, false, "placed"), null, null)) {
            Path file = dir.resolve("placed.csv");
            EntitiesCsv.write(file, w);
            assertThat(Files.readAllLines(file)).containsExactly("id,script,x,y,state.x", "a,s,1.5,2,99", "b,s,,,");
        }
    }

    /** A map keyed by entity ids is one JSON column, not a column per id (497 columns in the report). */
    @Test
    void aMapKeyedByEntityIdsIsOneJsonColumnAndTheResultSaysSo() throws Exception {
        try (World w = World.create(WorldFiles.parse("""
                name: firm
                scripts:
                  boss:
                    language: lua
                    source: |
                      function init(e)
                        e.state.workers = {}
                        for _, id in ipairs(e.entities('worker')) do e.state.workers[id] = {skill = 1} end
                        e.state.wallet = {cash = 5}
                      end
                      function update(e, inbox) end
                  worker: { language: lua, source: "function update(e, inbox) end" }
                entities:
                  - { script: worker, count: 40 }
                  - { id: boss, script: boss }
                """, false, "firm"), null, null)) {
            Path file = dir.resolve("firm.csv");
            CsvFile.Written written = EntitiesCsv.write(file, w);
            assertThat(Files.readAllLines(file).getFirst()).isEqualTo("id,script,wallet.cash,workers");
            assertThat(written.note()).contains("workers").contains("keyed by entity ids");
            Map<String, String> boss = read(file).stream().filter(r -> r.get("id").equals("boss")).findFirst()
                    .orElseThrow();
            assertThat(boss.get("workers")).startsWith("{\"worker-1\":{\"skill\":1}").contains("worker-40");
            assertThat(boss).containsEntry("wallet.cash", "5");
        }
    }
}
