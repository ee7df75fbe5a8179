package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.testing.JavaTestLanguage;

/** Bad world files each give one clear error naming the place. */
class WorldFileTest {

    static {
        JavaTestLanguage.register("idle", e -> { });
    }

    private static WorldFileException error(String yaml) {
        return catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml(yaml));
    }

    @Test
    void aMissingScriptIsNamedWithTheKnownOnes() {
        WorldFileException e = error("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle }
                entities:
                  - { id: a, script: idle }
                  - { id: b, script: idel }
                """);
        assertThat(e.where()).isEqualTo("entities[1].script");
        assertThat(e.getMessage()).contains("no script 'idel'", "known: idle");
    }

    @Test
    void aDuplicateEntityIdIsNamed() {
        WorldFileException e = error("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle }
                entities:
                  - { id: a, script: idle }
                  - { id: a, script: idle }
                """);
        assertThat(e.where()).isEqualTo("entities[1].id");
        assertThat(e.getMessage()).contains("duplicate entity id 'a'");
    }

    @Test
    void aWrongTypeIsNamedWithWhatWasFound() {
        WorldFileException e = error("""
                name: w
                seed: forty-two
                scripts:
                  idle: { language: java-test, source: idle }
                """);
        assertThat(e.where()).isEqualTo("seed");
        assertThat(e.getMessage()).contains("expected a whole number", "the string \"forty-two\"");

        WorldFileException state = error("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle }
                entities:
                  - { id: a, script: idle, state: [1, 2] }
                """);
        assertThat(state.where()).isEqualTo("entities[0].state");
        assertThat(state.getMessage()).contains("expected an object", "a list");
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumn() {
        WorldFileException e = error("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle
                entities: []
                """);
        assertThat(e.where()).startsWith("test.yaml line 4");
        assertThat(e.getMessage()).contains("YAML syntax error");
    }

    @Test
    void jsonSyntaxErrorsAndDuplicateKeysAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{\"name\": \"w\",\n \"seed\": 1,\n \"seed\": 2}");
        WorldFileException e = catchThrowableOfType(WorldFileException.class, () -> World.load(file));
        assertThat(e.getMessage()).contains("w.json line 3", "JSON syntax error", "seed");
    }

    @Test
    void unknownFieldsAndLanguagesAreNamedWithTheChoices() {
        WorldFileException field = error("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle }
                entites: []
                """);
        assertThat(field.where()).isEqualTo("entites");
        assertThat(field.getMessage()).contains("unknown field", "entities");

        WorldFileException lang = error("""
                name: w
                scripts:
                  idle: { language: cobol, source: idle }
                """);
        assertThat(lang.where()).isEqualTo("scripts.idle.language");
        assertThat(lang.getMessage()).contains("unknown language 'cobol'", "java-test");
    }

    @Test
    void groupsGetIdsCountingOnPerScriptAcrossGroups() throws Exception {
        World w = Worlds.yaml("""
                name: w
                scripts:
                  idle: { language: java-test, source: idle }
                entities:
                  - { script: idle, count: 2 }
                  - { id: idle-3, script: idle }
                  - { script: idle, count: 2 }
                """);
        assertThat(w.entityIds(null)).containsExactly("idle-1", "idle-2", "idle-3", "idle-4", "idle-5");
    }

    @Test
    void scriptFilesAreReadRelativeToTheWorldFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/idle.txt"), "idle\n");
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, """
                scripts:
                  idle: { language: java-test, file: scripts/idle.txt }
                entities:
                  - { script: idle }
                """);
        World w = World.load(file);
        assertThat(w.name()).isEqualTo("w"); // from the file name
        assertThat(w.scriptSource("idle")).contains("idle\n");

        Files.writeString(file, "scripts:\n  idle: { language: java-test, file: nope.txt }\n");
        WorldFileException e = catchThrowableOfType(WorldFileException.class, () -> World.load(file));
        assertThat(e.where()).isEqualTo("scripts.idle.file");
    }

    @Test
    void seedScriptLibrariesNameTheFaultyEntry() {
        WorldFileException kind = error("""
                name: w
                script_library:
                  idle: { id: idle, kind: cobol, script: idle }
                """);
        assertThat(kind.where()).isEqualTo("script_library.idle.kind");
        assertThat(kind.getMessage()).contains("unknown language 'cobol'");

        WorldFileException id = error("""
                name: w
                script_library:
                  idle: { id: idel, kind: java-test, script: idle }
                """);
        assertThat(id.where()).isEqualTo("script_library.idle.id");
        assertThat(id.getMessage()).contains("'idel' differs from its key 'idle'");

        WorldFileException entity = error("""
                name: w
                script_library:
                  idle: { id: idle, kind: java-test, script: idle }
                entities:
                  - { id: a, script_id: idel }
                """);
        assertThat(entity.where()).isEqualTo("entities[0].script_id");
        assertThat(entity.getMessage()).contains("no script 'idel'", "known: idle");

        WorldFileException form = error("name: w\nscript_library: idle\n");
        assertThat(form.where()).isEqualTo("script_library");
        assertThat(form.getMessage()).contains("map of script id to {id, kind, script}", "the string \"idle\"");
    }

    /** A seed-project snapshot of one idle entity, with {@code rest} (simulation_time, metrics, messages) added. */
    private static WorldFileException seedSnapshotError(String configuration, String rest) {
        return error("""
                configuration:
                  name: w
                  script_library:
                    idle: { id: idle, kind: java-test, script: idle }
                  entities:
                  - { id: a, script_id: idle, initial_state: {} }
                %s
                %s""".formatted(configuration.indent(2).stripTrailing(), rest));
    }

    @Test
    void seedSnapshotsNameTheFaultyField() {
        WorldFileException config = seedSnapshotError("seed: many", "simulation_time: 3");
        assertThat(config.where()).isEqualTo("configuration.seed");
        assertThat(config.getMessage()).contains("expected a whole number");

        WorldFileException twice = seedSnapshotError("time: 2", "simulation_time: 3");
        assertThat(twice.where()).isEqualTo("configuration.time");
        assertThat(twice.getMessage()).contains("simulation_time");

        WorldFileException top = seedSnapshotError("", "simulation_tme: 3");
        assertThat(top.where()).isEqualTo("simulation_tme");
        assertThat(top.getMessage()).contains("unknown field", "simulation_time", "pending_messages");

        WorldFileException receiver = seedSnapshotError("", """
                pending_messages:
                - { sender: a, receiver: { Entity: { name: a } }, content: {}, kind: k, receive_step: 4 }
                """);
        assertThat(receiver.where()).isEqualTo("pending_messages[0].receiver.Entity");
        assertThat(receiver.getMessage()).contains("{Entity: {id: ...}}", "Radius2D");

        WorldFileException step = seedSnapshotError("", """
                pending_messages:
                - { sender: a, receiver: !Entity { id: a }, content: {}, kind: k }
                """);
        assertThat(step.where()).isEqualTo("pending_messages[0].receive_step");
        assertThat(step.getMessage()).contains("missing");

        WorldFileException point = seedSnapshotError("", """
                metrics:
                  metrics:
                    d: [[1, 2.0], [2]]
                """);
        assertThat(point.where()).isEqualTo("metrics.metrics.d[1]");
        assertThat(point.getMessage()).contains("[time, value] pair", "a list");
    }
}
