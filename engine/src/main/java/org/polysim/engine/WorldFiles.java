package org.polysim.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** World files in and out: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}), one schema. */
public final class WorldFiles {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private WorldFiles() {}

    /** A world or experiment file's name without its extension ({@code .yaml}, {@code .yml}, {@code .json}). */
    public static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    }

    /** Parses a world file; syntax errors name the file, line and column. */
    public static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new WorldFileException(file.toString(), "cannot read the world file (" + e.getMessage() + ")");
        }
        return parse(text, isJson(file), file.toString());
    }

    /** Parses world file text as JSON or YAML; {@code origin} names it in errors. */
    public static JsonNode parse(String text, boolean json, String origin) {
        try {
            JsonNode node = (json ? JSON : YAML).readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new WorldFileException(origin, "the world file is empty");
            }
            return node;
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = origin + (loc != null && loc.getLineNr() > 0
                    ? " line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "");
            throw new WorldFileException(where.trim(), (json ? "JSON" : "YAML") + " syntax error: "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    /**
     * The object that holds a world's own fields (name, seed, params, scripts, entities): the tree itself, or where a
     * file of the seed project's form keeps them (its adapter says). Whoever overrides such a field (a seed, a param)
     * edits this object, whichever form the file has.
     */
    public static ObjectNode definition(JsonNode tree) {
        if (!(tree instanceof ObjectNode o)) {
            throw new WorldFileException("", "a world file is an object (key: value pairs), got "
                    + Fields.describe(tree));
        }
        return SeedFiles.ownFields(o);
    }

    /**
     * A CSV edge list ({@code network.edges_file}'s text) as {@code network.edges}: {@code [[from, to, weight], ...]},
     * for a world that must travel whole (an experiment's runs on other machines).
     *
     * @param file the file's name, for errors
     * @throws WorldFileException naming the line that is not an edge
     */
    public static tools.jackson.databind.node.ArrayNode edges(String csv, String file) {
        tools.jackson.databind.node.ArrayNode out = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (NetworkSpec.Edge e : NetworkSpec.csv(csv, file)) {
            out.addArray().add(e.from()).add(e.to()).add(e.weight());
        }
        return out;
    }

    /** The world's name as the file gives it, in whichever form, or null. */
    public static String name(JsonNode tree) {
        ObjectNode own = definition(tree);
        return own.path("name").isString() ? own.path("name").stringValue() : SeedFiles.name(own);
    }

    /** Names the world {@code name}, whichever form the file has. */
    public static void rename(JsonNode tree, String name) {
        ObjectNode own = definition(tree);
        SeedFiles.unname(own);
        own.put("name", name);
    }

    /** Whether the file is a snapshot (it carries a time), in whichever form. */
    public static boolean isSnapshot(JsonNode tree) {
        return tree instanceof ObjectNode o && (definition(o).has("time") || SeedFiles.hasTime(o));
    }

    /** Writes a world file, YAML or JSON by extension, whole or not at all (see {@link #replace}). */
    public static void write(JsonNode world, Path file) throws IOException {
        replace(file, (isJson(file) ? toJson(world) : toYaml(world)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically: a temporary file beside it, then a rename. A reader, or
     * a process killed mid-write, sees the old file or the new one, never a torn one.
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            Files.write(tmp, bytes);
            readableByAll(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * One rule for every file polysim writes (snapshots, world files, CSV tables, pictures): rw-r--r-- (0644), as a
     * file the user made would be. A temporary file is created 0600, which would otherwise carry over to the file
     * it becomes. A no-op where the file system has no POSIX permissions.
     */
    public static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    public static String toJson(JsonNode world) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(world) + "\n";
    }

    public static String toYaml(JsonNode world) {
        return YAML.writeValueAsString(world);
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
