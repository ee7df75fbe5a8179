package org.polysim.mcp;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.polysim.engine.Fields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool call's arguments, checked against its {@link Schema}: a missing or wrong-typed argument is a
 * {@link ToolError} that names the argument, says what it is for and what was given.
 */
final class Args {

    private final String tool;
    private final ObjectNode values;
    private final Schema schema;

    Args(String tool, ObjectNode values, Schema schema) {
        this.tool = tool;
        this.values = values;
        this.schema = schema;
        if (!schema.isOpen()) {
            for (String name : values.propertyNames()) {
                if (!schema.args().containsKey(name)) {
                    throw new ToolError(tool + ": unknown argument '" + name + "'; arguments are: "
                            + String.join(", ", new TreeSet<>(schema.args().keySet())));
                }
            }
        }
    }

    ObjectNode raw() {
        return values;
    }

    boolean has(String name) {
        return values.has(name) && !values.get(name).isNull();
    }

    String string(String name) {
        JsonNode v = require(name);
        if (!v.isString() || v.stringValue().isBlank()) {
            throw wrong(name, "a non-empty string", v);
        }
        return v.stringValue();
    }

    String optString(String name) {
        return has(name) ? string(name) : null;
    }

    long integer(String name, long min, long max, Long dflt) {
        if (!has(name)) {
            if (dflt != null) {
                return dflt;
            }
            require(name);
        }
        JsonNode v = values.get(name);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
            throw wrong(name, "a whole number", v);
        }
        if (!v.canConvertToLong()) {
            throw new ToolError(tool + ": argument '" + name + "' must be between " + min + " and " + max
                    + ", got " + v);
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new ToolError(tool + ": argument '" + name + "' must be between " + min + " and " + max
                    + ", got " + n);
        }
        return n;
    }

    double number(String name, double min, double max, double dflt) {
        Double v = optNumber(name);
        if (v == null) {
            return dflt;
        }
        if (!(v >= min && v <= max)) {
            throw new ToolError(tool + ": argument '" + name + "' must be between " + Views.num(min) + " and "
                    + Views.num(max) + ", got " + Views.num(v));
        }
        return v;
    }

    Double optNumber(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = values.get(name);
        if (!v.isNumber()) {
            throw wrong(name, "a number", v);
        }
        return v.doubleValue();
    }

    boolean bool(String name, boolean dflt) {
        if (!has(name)) {
            return dflt;
        }
        JsonNode v = values.get(name);
        if (!v.isBoolean()) {
            throw wrong(name, "true or false", v);
        }
        return v.booleanValue();
    }

    /** An object argument; a string holding a JSON object is accepted too (models sometimes stringify). */
    ObjectNode object(String name) {
        JsonNode v = require(name);
        if (v.isString()) {
            try {
                v = Json.MAPPER.readTree(v.stringValue());
            } catch (RuntimeException e) {
                throw new ToolError(tool + ": argument '" + name + "' is not valid JSON: " + firstLine(e.getMessage())
                        + ". Pass a JSON object such as {\"cash\": 10}");
            }
        }
        if (!v.isObject()) {
            throw wrong(name, "a JSON object (e.g. {\"cash\": 10})", v);
        }
        return (ObjectNode) v;
    }

    ObjectNode optObject(String name) {
        return has(name) ? object(name) : null;
    }

    List<String> optStrings(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = values.get(name);
        if (!v.isArray() || v.valueStream().anyMatch(x -> !x.isString())) {
            throw wrong(name, "a list of strings", v);
        }
        return v.valueStream().map(JsonNode::stringValue).toList();
    }

    private JsonNode require(String name) {
        if (!has(name)) {
            Schema.Arg a = schema.args().get(name);
            throw new ToolError(tool + ": missing argument '" + name + "'"
                    + (a == null ? "" : " (" + a.type() + ": " + a.description() + ")"));
        }
        return values.get(name);
    }

    private ToolError wrong(String name, String expected, JsonNode got) {
        return new ToolError(tool + ": argument '" + name + "' must be " + expected + ", got " + Fields.describe(got));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static Map<String, Object> empty() {
        return Map.of();
    }
}
