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
}
