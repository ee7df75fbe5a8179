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
 * {@code worlds/<file>.journal} the runs since that file was written, one line each ({@code {"from": tick, "ticks":
 * n}}); {@code worlds/<file>.snapshots/} holds its snapshots, one world file each, and {@code index.json} with their
 * ids, labels and times. A file name is the world's name made safe plus a hash of it, so any name maps to one file;
 * the real name is inside.
 *
 * <p>Why a journal: advancing is what a client does most, and a one-tick call on a 1k-entity world takes about as
 * long as writing the whole world. Because a world is deterministic, the file plus the ticks run since is the world:
 * a run appends one short line before its call returns, and the world file is rewritten on a background thread
 * once about a second of runs (or a thousand lines) has piled up, which also bounds the replay at start. Every
 * other change (an edit, a spawn, a new world) rewrites the file before its call returns.
 *
 * <p>Files are replaced whole (temporary file, then rename) and journal lines are appended whole, so a server
 * killed at any moment leaves each world as of a completed call. Nothing is fsynced: files survive the process,
 * not a power cut. A world that does not load at start is moved to {@code unreadable/} and named on stderr; the
 * rest load.
 */
final class WorldStore {

    /** The store of {@code serve --ephemeral}: keeps nothing. */
    static final WorldStore NONE = new WorldStore(null);

    /**
     * Runs piled up in a journal before the world file is rewritten in the background: at least a second of them,
     * and at least {@link #WRITE_RATIO} times what the last rewrite cost, so rewriting takes at most about 5% of
     * the time spent running however large the world (and replaying at start, about as long as that).
     */
    static final long JOURNAL_NANOS = 1_000_000_000L;
    static final int WRITE_RATIO = 20;
    static final int JOURNAL_LINES = 1000;

    private final Path worlds;
    private final Path unreadable;
    private final java.util.Map<String, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("polysim-store").unstarted(r));

    /**
     * The store's bookkeeping of one world. Saves are numbered in the order their snapshots were taken (always
     * under the world's lock), and a file is only ever replaced by a later one, whichever thread writes it.
     */
    private static final class Kept {
        long nextSave = 1;
        long written;
        long journalNanos;
        int journalLines;
        volatile long writeNanos;
        boolean deleted;
    }

    private WorldStore(Path root) {
        this.worlds = root == null ? null : root.resolve("worlds");
        this.unreadable = root == null ? null : root.resolve("unreadable");
    }

    private Kept kept(String name) {
        return kept.computeIfAbsent(name, n -> new Kept());
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

    /** Writes the world as it is now, before returning. Call it holding the world's lock. */
    void save(World w) throws IOException {
        if (keeps()) {
            Kept k = kept(w.name());
            write(w.name(), k, k.nextSave++, w.tick(), w.snapshot());
        }
    }

    /**
     * Records a run of {@code ticks} ticks from tick {@code from}: one journal line now, and the whole world in the
     * background once enough has piled up. Call it holding the world's lock, after the run.
     */
    void advanced(World w, long from, long ticks, long nanos) throws IOException {
        if (!keeps() || ticks == 0) {
            return;
        }
        Kept k = kept(w.name());
        byte[] line = (Json.compact(Json.object().put("from", from).put("ticks", ticks)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        synchronized (k) {
            Files.write(journal(w.name()), line, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        k.journalNanos += nanos;
        if (++k.journalLines >= JOURNAL_LINES
                || k.journalNanos >= Math.max(JOURNAL_NANOS, WRITE_RATIO * k.writeNanos)) {
            k.journalLines = 0;
            k.journalNanos = 0;
            long save = k.nextSave++;
            long tick = w.tick();
            long t0 = System.nanoTime();
            ObjectNode snapshot = w.snapshot(); // taken now, under the lock: the world as of this call
            long taken = System.nanoTime() - t0;
            writer.execute(() -> {
                try {
                    long t1 = System.nanoTime();
                    write(w.name(), k, save, tick, snapshot);
                    k.writeNanos = taken + System.nanoTime() - t1;
                } catch (IOException e) {
                    System.err.println("polysim: writing world '" + w.name() + "' failed (" + e.getMessage()
                            + "); its journal still holds every run");
                }
            });
        }
    }

    /** Replaces the world file with save number {@code save} unless a later one is there, then trims the journal. */
    private void write(String name, Kept k, long save, long tick, ObjectNode snapshot) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(snapshot);
        synchronized (k) {
            if (k.deleted || save <= k.written) {
                return;
            }
            WorldFiles.replace(file(name), bytes);
            k.written = save;
            Path journal = journal(name);
            if (Files.exists(journal)) { // runs from before this tick are in the file now
                List<String> later = Files.readAllLines(journal).stream()
                        .filter(l -> !l.isBlank() && Json.MAPPER.readTree(l).path("from").asLong() >= tick).toList();
                if (later.isEmpty()) {
                    Files.delete(journal);
                } else {
                    WorldFiles.replace(journal, (String.join("\n", later) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** The world of that name is another object now: the old one's journal and pending writes no longer apply. */
    void replaced(String name) throws IOException {
        if (keeps()) {
            Kept k = kept.remove(name);
            if (k != null) {
                synchronized (k) {
                    k.deleted = true;
                }
            }
            Files.deleteIfExists(journal(name));
        }
    }

    /** Forgets a world and its snapshots. */
    void delete(String name) throws IOException {
        if (keeps()) {
            replaced(name);
            Files.deleteIfExists(file(name));
            deleteSnapshots(name);
        }
    }

    /** Waits for the background writes under way (tests, and a clean shutdown). */
    void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
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
        if (!keeps()) {
            return; // an ephemeral server has no directory to look at
        }
        Path dir = snapshotDir(name);
        if (Files.isDirectory(dir)) {
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
            replay(w);
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

    /** A world as the store holds it: its file and the journal lines since. */
    record Saved(String name, JsonNode file, List<String> journal) {}

    /**
     * World {@code name} as its file and journal have it now: as of its last completed call (a run in progress is
     * not in them yet); null when this store keeps nothing. Cheap: {@link #rebuild} does the work.
     */
    Saved read(String name) throws IOException {
        if (!keeps()) {
            return null;
        }
        synchronized (kept(name)) { // the background writer replaces the file and trims the journal together
            return new Saved(name, Json.MAPPER.readTree(file(name).toFile()),
                    Files.exists(journal(name)) ? Files.readAllLines(journal(name)) : List.of());
        }
    }

    /** The world {@code saved} describes: loaded, then its journal replayed. */
    static World rebuild(Saved saved) throws org.polysim.engine.SimulationException {
        World w = World.create(saved.file(), null, null);
        replay(w, saved.journal());
        return w;
    }

    /** Runs again what the journal says ran after the world file was written: deterministic, so the same world. */
    private void replay(World w) throws IOException {
        Path journal = journal(w.name());
        if (Files.exists(journal)) {
            replay(w, Files.readAllLines(journal));
        }
    }

    private static void replay(World w, List<String> journal) {
        for (String line : journal) {
            JsonNode entry;
            try {
                entry = Json.MAPPER.readTree(line);
            } catch (RuntimeException torn) {
                break; // a line cut short by a kill: the run it records never returned
            }
            long from = entry.path("from").asLong(-1);
            if (from < w.tick()) {
                continue; // already in the file
            }
            if (from != w.tick()) {
                System.err.println("polysim: the journal of '" + w.name() + "' skips from tick " + w.tick() + " to "
                        + from + "; the world is loaded as of tick " + w.tick());
                break;
            }
            try {
                w.advance(entry.path("ticks").asLong());
            } catch (org.polysim.engine.SimulationException e) {
                System.err.println("polysim: replaying the journal of '" + w.name() + "' failed: " + e.getMessage());
                break;
            }
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

    private Path journal(String name) {
        return worlds.resolve(fileName(name) + ".journal");
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
