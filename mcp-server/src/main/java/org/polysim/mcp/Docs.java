package org.polysim.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.polysim.engine.World;

/**
 * The server's instructions and resources. The guide and per-language pages live in {@code docs/}; the example
 * worlds are the files in {@code examples/} that the test suite runs, so what the model reads is what runs.
 */
final class Docs {

    /** A readable resource: URI, name, description, MIME type and text. */
    record Page(String uri, String name, String description, String mimeType, String text) {
    }

    private Docs() {}

    static String instructions() {
        return """
                polysim runs agent-based simulations you design. Each entity runs a short script; entities talk \
                only by messages delivered with a delay of at least one tick, and change the world through \
                commands (send, spawn, destroy, metric). Installed script languages: %s.

                Workflow: create_world (scripts + entities + params) -> advance_simulation -> read get_metrics, \
                list_entities, get_entity_state, get_log; see plot_metrics (a chart image; world_names to \
                compare branches) -> revise with update_script, set_entity_state, spawn_entity -> advance again. \
                export_metrics and export_entities write CSV files to the workspace for analysis elsewhere. Before an experiment, create_world_snapshot; roll back with \
                restore_world_snapshot; branch with copy_world to compare parameter choices side by side; \
                run_experiment sweeps params with replications. Same seed, same result: every run is reproducible. \
                A metric nobody recorded in a tick has no value there: summaries give the time of each last value \
                (entities.<script> counts every script each tick). A result cut to fit 64 KB says what it left \
                out in its cut field ({budget_bytes, places: [{path, shown, total, unit}], places_total}).

                Read polysim://docs/guide first (world format, tick semantics), then the page of your language \
                (%s), each with a complete working example; polysim://examples/* are tested model worlds.
                """.formatted(String.join(", ", World.languages()),
                String.join(", ", World.languages().stream().map(l -> "polysim://docs/" + l).toList()));
    }

    static Map<String, Page> pages() throws IOException {
        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put("polysim://docs/guide", new Page("polysim://docs/guide", "guide",
                "polysim: world file format, one tick, determinism, snapshots, tools.", "text/markdown",
                read("docs/guide.md")));
        for (String language : World.languages()) {
            String text = read("docs/" + language + ".md");
            if (text != null) {
                pages.put("polysim://docs/" + language, new Page("polysim://docs/" + language, language,
                        "The script API in " + language + ", with a complete working example world.",
                        "text/markdown", text));
            }
        }
        for (var example : examples().entrySet()) {
            String uri = "polysim://examples/" + example.getKey();
            pages.put(uri, new Page(uri, "example " + example.getKey(), firstComment(example.getValue()),
                    "application/yaml", example.getValue()));
        }
        return pages;
    }

    static String read(String resource) throws IOException {
        try (InputStream in = Docs.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Example name to world file text, from {@code examples/<name>/world.yaml} on the class path. */
    static Map<String, String> examples() throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        var url = Docs.class.getClassLoader().getResource("examples");
        if (url == null) {
            return out;
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    collect(fs.getPath("examples"), out);
                }
            } else {
                collect(Path.of(url.toURI()), out);
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return out;
    }

    private static void collect(Path dir, Map<String, String> out) throws IOException {
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.toList()) {
                Path world = d.resolve("world.yaml");
                if (Files.exists(world)) {
                    out.put(d.getFileName().toString().replace("/", ""), Files.readString(world));
                }
            }
        }
    }

    private static String firstComment(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("#")).map(l -> l.substring(1).strip())
                .reduce((a, b) -> a + " " + b).orElse("An example world.");
    }
}
