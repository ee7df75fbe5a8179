package org.polysim.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The world-file schema, written once: the fields of a world, a script and an entity, with their JSON types and
 * descriptions, and the limits ({@link Limits.Field}). The reader accepts exactly these fields (and names the
 * allowed ones in its errors); the MCP server describes {@code create_world}'s input with {@link #WORLD}'s fields.
 * Fields marked {@code snapshot} are what a snapshot adds (time, messages in flight, metric history, generator
 * state); they are read but not advertised to authors. The seed project's own field names are not here: {@link
 * SeedFiles} translates them before the reader sees the file.
 */
public final class WorldSchema {

    /** One field: its name, JSON Schema type, what it means, and whether only snapshots write it. */
    public record Field(String name, String type, String description, boolean snapshot) {
    }

    private static Field field(String name, String type, String description) {
        return new Field(name, type, description, false);
    }

    private static Field snapshot(String name, String type, String description) {
        return new Field(name, type, description, true);
    }

    /** The top level of a world file. */
    public static final List<Field> WORLD = List.of(
            field("name", "string", "World name, unique on a server."),
            field("description", "string", "What the model is, for whoever reads the file."),
            field("seed", "integer", "Seed of every random draw (default 0)."),
            field("dt", "number", "Time per tick (default 1)."),
            field("params", "object", "Model parameters, read-only for scripts as e.params."),
            field("schedule", "string", "Update order: sequential (creation order, default) or random (seeded "
                    + "shuffle)."),
            field("limits", "object", "Per-call script budgets and world caps; every one has a safe default."),
            field("scripts", "object", "{id: {language: lua|js|python, source}} (or file: a path)."),
            field("space", "object", "{kind: grid|continuous, width, height, depth?, torus?, neighborhood?, "
                    + "capacity?}."),
            field("layers", "object", "Grid resource layers: {name: {initial, max, regrow, diffuse, evaporate}}."),
            field("network", "object", "Links: {generator: {kind, ...}} or {edges: [[a, b, w?]]} (the guide)."),
            field("entities", "array", "[{script, count, state}] (ids <script>-<k>) or [{id, script, state}]; at "
                    + "in a space."),
            snapshot("time", "number", "Simulation time the world is at."),
            snapshot("messages", "array", "Messages in flight."),
            field("metrics", "object", "{name: {missing: 0}}: a tick without a value counts as 0."),
            snapshot("rng", "integer", "State of the schedule's generator."),
            snapshot("counters", "object", "Next generated id number per script."),
            snapshot("sequence", "integer", "Next message sequence number."),
            snapshot("dropped", "integer", "Messages dropped so far."));

    /** A script library entry. */
    public static final List<Field> SCRIPT = List.of(
            field("language", "string", "lua, js (or javascript) or python (or py)."),
            field("source", "string", "The script: defines update(e, inbox) and optionally init(e)."),
            field("file", "string", "A file holding the script instead, relative to the world file."),
            field("api", "string", "polysim (default) or vivarium (the seed project's update(current_time, msgs))."),
            field("description", "string", "What the script models."));

    /** An entity, or a group of entities. */
    public static final List<Field> ENTITY = List.of(
            field("id", "string", "The entity's id (one entity); without it, ids are <script>-<k>."),
            field("script", "string", "Id of its script in the library."),
            field("state", "object", "Initial state (a JSON object)."),
            field("count", "integer", "How many entities of this group (default 1)."),
            new Field("at", "string|array", "Where it starts in the space: random (default), free (an empty cell), "
                    + "none (off the map) or a position [x, y] ([x, y, z] in 3D).", false),
            snapshot("rng", "integer", "State of the entity's generator."));

    /** One metric of {@code metrics}. */
    public static final List<Field> METRIC = List.of(
            field("missing", "number", "The value of a tick in which nothing recorded this metric (0 for a count "
                    + "or a sum); without it such a tick has no value."),
            snapshot("times", "array", "The times of the recorded values."),
            snapshot("values", "array", "The recorded values."));

    /** The {@code space} object (DESIGN.md "The environment"). */
    public static final List<Field> SPACE = List.of(
            field("kind", "string", "grid (whole-numbered cells) or continuous."),
            field("width", "number", "Size along x (cells in a grid)."),
            field("height", "number", "Size along y."),
            field("depth", "number", "Size along z: makes the space 3D (positions gain z)."),
            field("torus", "boolean", "Whether the edges wrap around (default false: bounded)."),
            field("neighborhood", "string", "Grid only: moore (8 neighbours, 26 in 3D; near uses Chebyshev "
                    + "distance, the default) or von_neumann (4 or 6; Manhattan distance)."),
            field("capacity", "integer", "Grid only: most entities per cell (default no limit)."));

    /** One layer of {@code layers}. */
    public static final List<Field> LAYER = List.of(
            field("initial", "number", "Starting value of every cell (default 0)."),
            field("max", "number", "Most a cell holds (default no limit); put and regrow stop there."),
            field("regrow", "number", "Added to each cell after every tick, up to max."),
            field("diffuse", "number", "Share (0-1) of each cell's value given to its neighbours every tick "
                    + "(NetLogo's diffuse; the total is conserved)."),
            field("evaporate", "number", "Share (0-1) of each cell's value lost every tick."),
            snapshot("values", "array", "Every cell's value, x fastest, then y (then z)."));

    /** The world file's field reads: refusals are {@link WorldFileException}s naming the path. */
    static final Fields FIELDS = new Fields(WorldFileException::new, snapshotNames());

    private WorldSchema() {}

    /** The names of {@code fields}, for the reader's check of unknown keys. */
    static Set<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Every field name that only snapshots write: read, but never offered to an author in an error's list. */
    static Set<String> snapshotNames() {
        return java.util.stream.Stream.of(WORLD, SCRIPT, ENTITY, METRIC, SPACE, LAYER).flatMap(List::stream)
                .filter(Field::snapshot).map(Field::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The names of the limits. */
    static Set<String> limitNames() {
        return Arrays.stream(Limits.Field.values()).map(Limits.Field::key).collect(Collectors.toUnmodifiableSet());
    }
}
