package org.polysim.engine;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.polysim.engine.spi.Names;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed reads of a JSON or YAML file's fields, each refusal naming the field's path ({@code entities[2].count})
 * and what was there instead. One instance per kind of file: the world file's throws {@link WorldFileException},
 * the experiment file's its own; the words are the same in both.
 */
public final class Fields {

    private final BiFunction<String, String, RuntimeException> error;
    private final Set<String> unlisted;

    /**
     * @param error    the exception for a refusal, from the field's path and the message
     * @param unlisted field names accepted but not offered when a name is unknown (those only snapshots carry)
     */
    public Fields(BiFunction<String, String, RuntimeException> error, Set<String> unlisted) {
        this.error = error;
        this.unlisted = Set.copyOf(unlisted);
    }

    /** {@code node} as an object; null or missing is refused. */
    public ObjectNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw error.apply(where, "expected an object (key: value pairs), got " + describe(node));
        }
        return (ObjectNode) node;
    }

    /** {@code node} as an object, or null when it is null or missing. */
    public ObjectNode optObject(JsonNode node, String where) {
        return node == null || node.isNull() || node.isMissingNode() ? null : object(node, where);
    }

    /**
     * Refuses a field not in {@code fields}, suggesting the nearest known name and listing the fields an author
     * writes (not the unlisted ones).
     */
    public void known(ObjectNode o, Set<String> fields, String where) {
        for (String key : o.propertyNames()) {
            if (!fields.contains(key)) {
                TreeSet<String> offered = new TreeSet<>(fields);
                offered.removeAll(unlisted);
                String near = Names.nearest(key, offered);
                throw error.apply(path(where, key), "unknown field" + (near == null ? "."
                        : "; did you mean " + near + "?") + " Fields here: " + String.join(", ", offered));
            }
        }
    }

    public String requiredString(ObjectNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw error.apply(path(where, field), "missing (expected a string)");
        }
        return optString(o, field, null, where);
    }

    public String optString(ObjectNode o, String field, String dflt, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isString()) {
            throw error.apply(path(where, field), "expected a string, got " + describe(v));
        }
        return v.stringValue();
    }

    public long optLong(ObjectNode o, String field, long dflt, String where) {
        return whole(o, field, dflt, Long.MIN_VALUE, Long.MAX_VALUE, where);
    }

    /**
     * A whole number from {@code min} to {@code max}; {@code dflt} when the field is absent or null, which a null
     * {@code dflt} refuses.
     */
    public long whole(ObjectNode o, String field, Long dflt, long min, long max, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw error.apply(path(where, field), "missing (expected a whole number)");
            }
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error.apply(path(where, field), "expected a whole number, got " + describe(v));
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw error.apply(path(where, field), "must be at least " + min + (max == Long.MAX_VALUE ? ""
                    : " and at most " + max) + ", got " + n);
        }
        return n;
    }

    public double optDouble(ObjectNode o, String field, double dflt, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw error.apply(path(where, field), "expected a number, got " + describe(v));
        }
        return v.doubleValue();
    }

    /** {@code where.field}, or {@code field} at the top. */
    public static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    /** What a value is, as an error message says it: {@code the string "ten"}, {@code a list}, {@code nothing}. */
    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isString()) {
            return "the string \"" + v.stringValue() + "\"";
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "true" : "false";
        }
        if (v.isNull()) {
            return "null";
        }
        return "the number " + v;
    }
}
