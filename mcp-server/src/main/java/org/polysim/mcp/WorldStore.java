package org.polysim.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Worlds and their snapshots as world files in the workspace (DESIGN.md "Persistence"), so they outlive the server.
 *
 * <p>Layout, under {@code <workspace>/.polysim/}: {@code worlds/<file>.json} holds a world as a snapshot world file;
 * {@code worlds/<file>.snapshots/} holds its snapshots, one world file each, and {@code index.json} with their ids,
 * labels and times. A file name is the world's name made safe plus a hash of it, so any name maps to one file; the
 * real name is inside. Every write replaces a file whole (temporary file, then rename), so a server killed at any
 * moment leaves each file as of a completed call. The files are not fsynced: they survive the process, not a power
 * cut. A file that does not load at start is moved to {@code unreadable/} and named on stderr; the rest load.
 */
final class WorldStore {

    /** The store of {@code serve --ephemeral}: keeps nothing. */
    static final WorldStore NONE = new WorldStore(null);

    private final Path worlds;
    private final Path unreadable;

    private WorldStore(Path root) {
        this.worlds = root == null ? null : root.resolve("worlds");
        this.unreadable = root == null ? null : root.resolve("unreadable");
    }

    /** The store in {@code workspace}'s {@code .polysim} folder. */
    static WorldStore in(Path workspace) throws IOException {
        WorldStore store = new WorldStore(workspace.resolve(".polysim"));
        Files.createDirectories(store.worlds);
        return store;
    }

    boolean keeps() {
        return worlds != null;
    }

    /** Writes the world as it is now. */
    void save(World w) throws IOException {
        if (keeps()) {
            WorldFiles.replace(file(w.name()), Json.MAPPER.writeValueAsBytes(w.snapshot()));
        }
    }

    /** Forgets a world and its snapshots. */
    void delete(String name) throws IOException {
        if (keeps()) {
            Files.deleteIfExists(file(name));
            deleteSnapshots(name);
        }
    }

    /** Writes a world's snapshots: each new one as a world file, and the index of them all. */
    void saveSnapshots(String name, List<Snapshots.Snapshot> snapshots, int counter) throws IOException {
        if (!keeps()) {
            return;
        }
        Path dir = snapshotDir(name);
        ArrayNode list = Json.F.arrayNode();
        for (Snapshots.Snapshot s : snapshots) {
            Path f = dir.resolve(s.id() + ".json");
            if (!Files.exists(f)) { // a snapshot never changes once taken
                WorldFiles.replace(f, Json.MAPPER.writeValueAsBytes(s.world()));
            }
            list.addObject().put("snapshot_id", s.id()).put("label", s.label()).put("time", s.time());
        }
        ObjectNode index = Json.object().put("world_name", name).put("counter", counter);
        index.set("snapshots", list);
        WorldFiles.replace(dir.resolve("index.json"), Json.MAPPER.writeValueAsBytes(index));
    }

    void deleteSnapshots(String name) throws IOException {
        Path dir = snapshotDir(name);
        if (keeps() && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** A world file found at start, not yet loaded. */
    record Stored(Path file, String name) {
    }

    /** The world files in the store, each with the name inside it; unreadable ones are moved aside. */
    List<Stored> list() throws IOException {
        List<Stored> out = new ArrayList<>();
        if (!keeps()) {
            return out;
        }
        try (Stream<Path> files = Files.list(worlds)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode tree = Json.MAPPER.readTree(f.toFile());
                    out.add(new Stored(f, tree.path("name").asString()));
                } catch (RuntimeException e) {
                    setAside(f, e);
                }
            }
        }
        return out;
    }

    /** Loads a stored world with its snapshots, or moves its files aside and returns null. */
    World load(Stored stored, Snapshots snapshots) {
        try {
            World w = World.create(Json.MAPPER.readTree(stored.file().toFile()), null, null);
            Path index = snapshotDir(stored.name()).resolve("index.json");
            if (Files.exists(index)) {
                JsonNode ix = Json.MAPPER.readTree(index.toFile());
                List<Snapshots.Snapshot> list = new ArrayList<>();
                for (JsonNode s : ix.path("snapshots")) {
                    String id = s.path("snapshot_id").asString();
                    ObjectNode world = (ObjectNode) Json.MAPPER.readTree(snapshotDir(stored.name())
                            .resolve(id + ".json").toFile());
                    list.add(new Snapshots.Snapshot(id, s.path("label").asString(), s.path("time").asDouble(),
                            world));
                }
                snapshots.restore(stored.name(), list, ix.path("counter").asInt(list.size()));
            }
            return w;
        } catch (Exception e) {
            setAside(stored.file(), e);
            return null;
        }
    }

    private void setAside(Path file, Exception why) {
        try {
            Files.createDirectories(unreadable);
            Path to = unreadable.resolve(file.getFileName() + "." + System.currentTimeMillis());
            Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("polysim: could not load " + file + " (" + firstLine(why) + "); moved it to " + to
                    + " and loaded the rest");
        } catch (IOException e) {
            System.err.println("polysim: could not load " + file + " (" + firstLine(why) + ") nor move it aside ("
                    + e.getMessage() + ")");
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    private Path file(String name) {
        return worlds.resolve(fileName(name) + ".json");
    }

    private Path snapshotDir(String name) {
        return worlds.resolve(fileName(name) + ".snapshots");
    }

    /** The name's safe characters (at most 40) and a hash of the whole name: any name, one valid file name. */
    static String fileName(String name) {
        StringBuilder safe = new StringBuilder();
        name.codePoints().limit(40).forEach(c -> safe.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-'
                || c == '_') ? (char) c : '_'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return safe + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
