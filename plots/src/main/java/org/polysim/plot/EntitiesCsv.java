package org.polysim.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live entities as CSV: one row per entity in creation order; columns {@code id}, {@code script}, then every state
 * field flattened, sorted by name (the union over all entities, so a table of mixed scripts has one header; a field
 * an entity lacks is an empty cell). Nested objects are flattened with dots ({@code wallet.cash}); arrays and
 * empty objects are written as JSON text; strings as themselves; numbers as JSON writes them (integers stay
 * integers); null as an empty cell. A state field whose flat name is a fixed column ({@code id}, {@code script})
 * is written as {@code state.<name>}.
 *
 * <p>A nested object keyed by entity ids (a live entity's id, or {@code <script>-<k>} of a script in the library) or
 * with more than {@value #MAX_SPREAD} fields is one column of JSON, not a column per key: {@code workers} keyed by
 * 500 worker ids would otherwise make 500 columns of a table meant to read by entity. The result says which.
 *
 * <p>Space: in a world with space, the columns {@code x}, {@code y} (and {@code z} in a 3D space) follow
 * {@code script}, empty for an entity off the map; a state field named {@code x} then becomes {@code state.x},
 * since the position columns are the engine's.
 */
public final class EntitiesCsv {

    private static final List<String> FIXED = List.of("id", "script");
    /** Most fields of a nested object spread into columns of their own. */
    static final int MAX_SPREAD = 32;

    private EntitiesCsv() {}

    /** Writes the world's live entities; reads the world twice (columns, then rows) rather than hold every row. */
    public static CsvFile.Written write(Path file, World w) throws IOException {
        List<String> ids = w.entityIds(null);
        int dimensions = w.space().map(s -> s.axes()).orElse(0);
        Map<String, double[]> positions = positions(w);
        Keys keys = new Keys(new java.util.HashSet<>(ids), java.util.regex.Pattern.compile("(" + String.join("|",
                w.scriptLanguages().keySet().stream().map(java.util.regex.Pattern::quote).toList()) + ")-\\d+"),
                new TreeSet<>());
        TreeSet<String> fields = new TreeSet<>();
        for (String id : ids) {
            fields.addAll(flat(w.entityState(id).orElseThrow(), keys).keySet());
        }
        List<String> fixed = new ArrayList<>(FIXED);
        fixed.addAll(List.of("x", "y", "z").subList(0, dimensions));
        List<String> columns = new ArrayList<>(fixed);
        for (String f : fields) {
            columns.add(CsvFile.free(f, fixed, "state."));
        }
        int spatial = dimensions;
        Iterator<String> next = ids.iterator();
        Iterator<String[]> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public String[] next() {
                String id = next.next();
                String[] row = new String[columns.size()];
                row[0] = id;
                row[1] = w.scriptOf(id).orElse("");
                double[] at = positions.get(id);
                for (int d = 0; at != null && d < at.length; d++) {
                    row[2 + d] = org.polysim.engine.Numbers.exact(at[d]);
                }
                Map<String, String> cells = flat(w.entityState(id).orElseThrow(), keys);
                int c = 2 + spatial;
                for (String f : fields) {
                    row[c++] = cells.get(f);
                }
                return row;
            }
        };
        CsvFile.Written written = CsvFile.write(file, columns, rows);
        return keys.collapsed().isEmpty() ? written : written.noting("as one JSON column each, being keyed by entity "
                + "ids or having over " + MAX_SPREAD + " fields: " + String.join(", ", keys.collapsed()));
    }

    /**
     * What tells a map keyed by ids from a record: the world's live ids, the pattern of generated ids, and the
     * fields found to be such maps (filled while flattening).
     */
    record Keys(java.util.Set<String> ids, java.util.regex.Pattern generated, java.util.Set<String> collapsed) {
        boolean keyedByIds(JsonNode object) {
            if (object.size() > MAX_SPREAD) {
                return true;
            }
            for (String key : object.propertyNames()) {
                if (ids.contains(key) || generated.matcher(key).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Each placed entity's position, {@code [x, y]} or {@code [x, y, z]}. */
    private static Map<String, double[]> positions(World w) {
        int axes = w.space().map(s -> s.axes()).orElse(0);
        Map<String, double[]> out = new java.util.HashMap<>();
        for (World.Placed p : w.positions()) {
            out.put(p.id(), axes == 3 ? new double[] {p.x(), p.y(), p.z()} : new double[] {p.x(), p.y()});
        }
        return out;
    }

    /** A state's leaves by dotted path, in the state's order; see the class comment for how values are written. */
    static Map<String, String> flat(ObjectNode state, Keys keys) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", state, out, keys);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out, Keys keys) {
        if (node.isObject() && !node.isEmpty() && !path.isEmpty() && keys.keyedByIds(node)) {
            out.put(path, node.toString());
            keys.collapsed().add(path);
        } else if (node.isObject() && !node.isEmpty()) {
            for (var field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out, keys);
            }
        } else if (node.isNull()) {
            out.put(path, null);
        } else if (node.isString()) {
            out.put(path, node.stringValue());
        } else if (!path.isEmpty()) {
            out.put(path, node.toString()); // numbers, booleans, arrays and {} as JSON
        }
    }
}
