package org.polysim.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed project's (vivarium's) world files and snapshots, translated into ours before {@link WorldFile} reads
 * them, so nothing past this class knows the seed's field names. The seed's files name a world {@code world_name},
 * keep scripts in {@code script_library} ({@code {id, kind, script}}, as a map or a list) and entities'
 * {@code script_id} and {@code initial_state}; its snapshots are {@code {configuration, simulation_time, metrics:
 * {metrics: {name: [[time, value], ...]}}, pending_messages: [{sender, receiver, content, kind, receive_step}]}}.
 * Both forms may be mixed with ours. A problem the reader finds in the translation is reported at the field the
 * author wrote ({@link #inTheirTerms}).
 */
final class SeedFiles {

    private static final Fields FIELDS = WorldSchema.FIELDS;
    private static final Set<String> SNAPSHOT = Set.of("configuration", "simulation_time", "metrics",
            "pending_messages");
    private static final Set<String> SCRIPT = union(WorldSchema.names(WorldSchema.SCRIPT),
            Set.of("id", "kind", "script"));
    private static final Set<String> MESSAGE = Set.of("sender", "receiver", "content", "kind", "receive_step");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The seed's script API, as Lua's provider names it; snapshots written before that name say "seed". */
    private static final String API = "vivarium";
    private static final String OLD_API = "seed";

    /** Our path prefix and the author's, longest first when mapping back. */
    private record Rename(String ours, String theirs) {
    }

    private final List<Rename> renames = new ArrayList<>();
    private final boolean snapshot;
    /** Where the world's own fields sit in the author's file: a snapshot's configuration, or the top. */
    private final String within;
    private final ObjectNode translated;

    /** Whether {@code top} is, or mixes in, the seed project's form. */
    static boolean isSeed(ObjectNode top) {
        if (top.has("configuration") || top.has("script_library") || top.has("world_name")) {
            return true;
        }
        for (JsonNode s : top.path("scripts")) {
            if (OLD_API.equals(s.path("api").asString(null))) {
                return true;
            }
        }
        for (JsonNode e : top.path("entities")) {
            if (e.has("script_id") || e.has("initial_state")) {
                return true;
            }
        }
        return false;
    }

    /** Where a world's own fields are: a seed snapshot keeps them in its configuration. */
    static ObjectNode ownFields(ObjectNode top) {
        return top.get("configuration") instanceof ObjectNode c ? c : top;
    }

    /** The seed's name of a world ({@code world_name}), or null. */
    static String name(ObjectNode own) {
        return own.path("world_name").isString() ? own.path("world_name").stringValue() : null;
    }

    /** Drops the seed's name of a world, for one given in ours. */
    static void unname(ObjectNode own) {
        own.remove("world_name");
    }

    /** Whether a seed file gives a time (a snapshot's {@code simulation_time}). */
    static boolean hasTime(ObjectNode top) {
        return top.has("simulation_time");
    }

    SeedFiles(ObjectNode top) {
        snapshot = top.has("configuration");
        within = snapshot ? "configuration." : "";
        translated = snapshot ? snapshot(top) : world(top.deepCopy());
    }

    /** The same world in our form. */
    ObjectNode translated() {
        return translated;
    }

    /** {@code e}, with its field path as the author wrote it. */
    WorldFileException inTheirTerms(WorldFileException e) {
        String where = e.where();
        Rename best = null;
        for (Rename r : renames) {
            if (is(where, r.ours()) && (best == null || r.ours().length() > best.ours().length())) {
                best = r;
            }
        }
        if (best != null) {
            return new WorldFileException(best.theirs() + where.substring(best.ours().length()), e.problem());
        }
        return snapshot ? e.under("configuration") : e;
    }

    /** Our field {@code ours} is the author's {@code theirs}, among the world's own fields. */
    private void renamed(String ours, String theirs) {
        renames.add(new Rename(ours, within + theirs));
    }

    /** Whether {@code path} is {@code prefix} or a field or item under it. */
    private static boolean is(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length()
                || path.charAt(prefix.length()) == '.' || path.charAt(prefix.length()) == '[');
    }

    // ---------------------------------------------------------------- a world file

    private ObjectNode world(ObjectNode top) {
        for (JsonNode s : top.path("scripts")) {
            if (s instanceof ObjectNode o && OLD_API.equals(o.path("api").asString(null))) {
                o.put("api", API);
            }
        }
        JsonNode worldName = top.remove("world_name");
        if (worldName != null && !top.has("name")) {
            top.set("name", worldName);
            renamed("name", "world_name");
        }
        JsonNode library = top.remove("script_library");
        if (library != null && !library.isNull()) {
            library(top, library);
        }
        JsonNode entities = top.get("entities");
        if (entities != null && entities.isArray()) {
            for (int i = 0; i < entities.size(); i++) {
                if (entities.get(i) instanceof ObjectNode e) {
                    rename(e, "script_id", "script", "entities[" + i + "]");
                    rename(e, "initial_state", "state", "entities[" + i + "]");
                }
            }
        }
        return top;
    }

    /** The seed's field {@code theirs} is our {@code ours}; where both are given, the seed's wins, as it did. */
    private void rename(ObjectNode o, String theirs, String ours, String where) {
        JsonNode value = o.remove(theirs);
        if (value != null) {
            o.set(ours, value);
            renamed(where + "." + ours, where + "." + theirs);
        }
    }

    /** {@code script_library}: script id to {@code {id, kind, script}}, or a list of those; after our scripts. */
    private void library(ObjectNode top, JsonNode library) {
        JsonNode ours = top.get("scripts");
        if (ours != null && !ours.isNull() && !ours.isObject()) {
            return; // the reader says what is wrong with scripts
        }
        ObjectNode scripts = top.putObject("scripts");
        if (ours != null && ours.isObject()) {
            scripts.setAll((ObjectNode) ours);
        }
        Set<String> ids = new HashSet<>();
        scripts.propertyNames().forEach(ids::add);
        if (library.isObject()) {
            for (var entry : library.properties()) {
                String where = "script_library." + entry.getKey();
                ObjectNode s = FIELDS.object(entry.getValue(), where);
                String id = FIELDS.optString(s, "id", entry.getKey(), where);
                if (!id.equals(entry.getKey())) {
                    throw new WorldFileException(where + ".id", "'" + id + "' differs from its key '"
                            + entry.getKey() + "'; the key is the script's id: make them equal or drop id");
                }
                script(scripts, ids, id, s, where);
            }
        } else if (library.isArray()) {
            for (int i = 0; i < library.size(); i++) {
                String where = "script_library[" + i + "]";
                ObjectNode s = FIELDS.object(library.get(i), where);
                script(scripts, ids, FIELDS.requiredString(s, "id", where), s, where);
            }
        } else {
            throw new WorldFileException("script_library", "expected a map of script id to {id, kind, script} "
                    + "(or a list of {id, kind, script}), got " + Fields.describe(library));
        }
    }

    private void script(ObjectNode scripts, Set<String> ids, String id, ObjectNode s, String where) {
        FIELDS.known(s, SCRIPT, where);
        if (!ids.add(id)) {
            throw new WorldFileException(where + ".id", "duplicate script id '" + id + "'");
        }
        if (id.isBlank()) {
            throw new WorldFileException(where, "script id must not be empty");
        }
        ObjectNode ours = s.deepCopy();
        ours.remove("id");
        String path = "scripts." + id;
        renamed(path, where);
        if (ours.has("kind")) {
            ours.set("language", ours.remove("kind"));
            renamed(path + ".language", where + ".kind");
        }
        if (ours.has("script")) {
            ours.set("source", ours.remove("script"));
            renamed(path + ".source", where + ".script");
        }
        if (!ours.has("api")) {
            ours.put("api", API);
        }
        scripts.set(id, ours);
    }

    // ---------------------------------------------------------------- a snapshot

    /**
     * The configuration (a seed world file whose entities hold their states at {@code simulation_time}) with the
     * time, the messages in flight and the metric history added as ours.
     */
    private ObjectNode snapshot(ObjectNode top) {
        FIELDS.known(top, SNAPSHOT, "");
        ObjectNode config = FIELDS.object(top.get("configuration"), "configuration").deepCopy();
        for (String field : List.of("time", "messages", "metrics")) {
            if (config.has(field)) {
                throw new WorldFileException("configuration." + field, "a seed snapshot gives this outside its "
                        + "configuration (simulation_time, pending_messages, metrics); remove it here");
            }
        }
        long time = FIELDS.optLong(top, "simulation_time", 0, "");
        if (time < 0) {
            throw new WorldFileException("simulation_time", "must be >= 0, got " + time);
        }
        ArrayNode messages = JSON.arrayNode();
        long broadcasts = messages(top.get("pending_messages"), time, messages);
        ObjectNode world = world(config);
        // what the snapshot gives outside its configuration
        renames.add(new Rename("time", "simulation_time"));
        renames.add(new Rename("messages", "pending_messages"));
        renames.add(new Rename("metrics", "metrics"));
        world.put("time", time);
        world.set("messages", messages);
        world.set("metrics", metrics(top.get("metrics")));
        JsonNode sequence = world.get("sequence");
        if (sequence == null || sequence.canConvertToLong()) {
            world.put("sequence", Math.max(sequence == null ? 0 : sequence.asLong(), messages.size()));
        }
        JsonNode dropped = world.get("dropped");
        if (dropped == null || dropped.canConvertToLong()) {
            world.put("dropped", (dropped == null ? 0 : dropped.asLong()) + broadcasts);
        }
        return world;
    }

    /** The pending messages to entities, into {@code out}; returns how many broadcasts were left out. */
    private static long messages(JsonNode pending, long time, ArrayNode out) {
        if (pending == null || pending.isNull()) {
            return 0;
        }
        if (!pending.isArray()) {
            throw new WorldFileException("pending_messages", "expected a list of messages, got "
                    + Fields.describe(pending));
        }
        long broadcasts = 0;
        for (int i = 0; i < pending.size(); i++) {
            String where = "pending_messages[" + i + "]";
            ObjectNode m = FIELDS.object(pending.get(i), where);
            FIELDS.known(m, MESSAGE, where);
            String to = receiver(m.get("receiver"), where + ".receiver");
            if (!m.has("receive_step")) {
                throw new WorldFileException(where + ".receive_step", "missing (expected a whole number: the time "
                        + "the message is delivered)");
            }
            long at = FIELDS.optLong(m, "receive_step", 0, where);
            String from = FIELDS.requiredString(m, "sender", where);
            String kind = FIELDS.requiredString(m, "kind", where);
            if (to == null) {
                broadcasts++;
                continue;
            }
            // the seed does not record when a message was sent: the snapshot's time is the latest it can be
            out.addObject().put("seq", out.size()).put("from", from).put("to", to).put("kind", kind)
                    .put("sent_at", time).put("deliver_at", at)
                    .set("content", m.has("content") ? m.get("content") : JSON.objectNode());
        }
        return broadcasts;
    }

    /**
     * A seed message's recipient: the id of {@code Entity {id}}, or null for a {@code Radius2D {x, y, radius}}
     * broadcast, which has no counterpart here (the seed itself never delivers them: they are dropped). serde writes
     * the variant as a key in JSON ({@code {"Entity": {"id": "b"}}}) and as a tag in YAML ({@code !Entity {id: b}}),
     * and a YAML tree keeps no tags, so the bare fields are accepted too.
     */
    private static String receiver(JsonNode node, String where) {
        ObjectNode r = FIELDS.object(node, where);
        String variant = null;
        if (r.size() == 1 && (r.has("Entity") || r.has("Radius2D"))) {
            variant = r.has("Entity") ? "Entity" : "Radius2D";
            where = where + "." + variant;
            r = FIELDS.object(r.get(variant), where);
        }
        if (!"Radius2D".equals(variant) && r.has("id")) {
            FIELDS.known(r, Set.of("id"), where);
            return FIELDS.requiredString(r, "id", where);
        }
        if (!"Entity".equals(variant) && r.has("radius")) {
            FIELDS.known(r, Set.of("x", "y", "radius"), where);
            return null;
        }
        throw new WorldFileException(where, "expected an entity recipient {Entity: {id: ...}} (YAML: !Entity {id: "
                + "...}) or a broadcast {Radius2D: {x, y, radius}}");
    }

    /** {@code {metrics: {name: [[time, value], ...]}}} as our {@code {name: {times, values}}}. */
    private static ObjectNode metrics(JsonNode node) {
        ObjectNode out = JSON.objectNode();
        if (node == null || node.isNull()) {
            return out;
        }
        ObjectNode o = FIELDS.object(node, "metrics");
        FIELDS.known(o, Set.of("metrics"), "metrics");
        if (!o.has("metrics") || o.get("metrics").isNull()) {
            return out;
        }
        for (var e : FIELDS.object(o.get("metrics"), "metrics.metrics").properties()) {
            String where = "metrics.metrics." + e.getKey();
            JsonNode points = e.getValue();
            if (!points.isArray()) {
                throw new WorldFileException(where, "expected a list of [time, value] pairs, got "
                        + Fields.describe(points));
            }
            ObjectNode series = out.putObject(e.getKey());
            ArrayNode times = series.putArray("times");
            ArrayNode values = series.putArray("values");
            for (int i = 0; i < points.size(); i++) {
                JsonNode p = points.get(i);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new WorldFileException(where + "[" + i + "]", "expected a [time, value] pair of numbers, "
                            + "got " + Fields.describe(p));
                }
                times.add(p.get(0));
                values.add(p.get(1));
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
