package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** What the server teaches is what runs: the docs' example worlds run, and the API they list exists. */
class DocsTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static List<String> worldBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyWorldInTheDocsRuns() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Docs.Page page : Docs.pages().values()) {
            if (!page.mimeType().equals("text/markdown")) {
                continue;
            }
            List<String> blocks = worldBlocks(page.text());
            assertThat(blocks).as(page.uri() + " has an example world").isNotEmpty();
            for (String yaml : blocks) {
                tests.add(DynamicTest.dynamicTest(page.uri(), () -> {
                    World w = World.create(WorldFiles.parse(yaml, false, page.uri()), null, null);
                    w.advance(30);
                    assertThat(w.tick()).isEqualTo(30);
                    assertThat(w.metricNames()).isNotEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** The README links only to what a clone holds (it named ../shared/DESIGN.md, outside the repository). */
    @Test
    void theReadmeLinksOnlyToFilesInTheRepository() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("..").toRealPath();
        String readme = java.nio.file.Files.readString(root.resolve("README.md"));
        Matcher outside = Pattern.compile("(?<![.\\w])\\.\\./[\\w./-]+").matcher(readme); // not ".../" abbreviations
        assertThat(outside.find() ? outside.group() : null).as("a path outside the repository").isNull();
        Matcher link = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(readme);
        List<String> links = new ArrayList<>();
        while (link.find()) {
            if (!link.group(1).startsWith("http")) {
                links.add(link.group(1));
            }
        }
        assertThat(links).contains("docs/DESIGN.md", "bench/RESULTS.md")
                .allSatisfy(l -> assertThat(root.resolve(l)).as(l).exists());
    }

    @Test
    void theLuaPageListsExactlyTheEntityApi() throws Exception {
        String page = Docs.pages().get("polysim://docs/lua").text();
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`e\\.(\\w+)\\(").matcher(page);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isNotEmpty();
        StringBuilder checks = new StringBuilder();
        for (String name : documented) {
            checks.append("  if type(e.").append(name).append(") ~= 'function' then error('missing e.")
                    .append(name).append("') end\n");
        }
        World w = World.create(WorldFiles.parse("""
                name: api-check
                scripts:
                  c: { language: lua, source: %s }
                entities: [ { script: c } ]
                """.formatted(Json.F.stringNode("function update(e, inbox)\n" + checks + "  e.metric('ok', 1)\nend")),
                false, "api"), null, null);
        w.advance(1);
        assertThat(w.metric("ok")).isPresent();
        assertThat(documented).contains("send", "spawn", "destroy", "metric", "log", "random", "entities");
    }

    @Test
    void instructionsNameEveryInstalledLanguagePage() throws Exception {
        String instructions = Docs.instructions();
        for (String language : World.languages()) {
            assertThat(instructions).contains("polysim://docs/" + language);
            assertThat(Docs.pages()).containsKey("polysim://docs/" + language);
        }
    }
}
