package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polysim.engine.WorldSchema;

/** A small builder for the JSON Schemas of tool inputs; also the source of argument descriptions in errors. */
final class Schema {

    /** One argument: JSON Schema type name, description, whether required. */
    record Arg(String name, String type, String description, boolean required, Map<String, Object> extra) {
    }

    /** The extra schema of an array argument whose items are strings. */
    static final Map<String, Object> STRINGS = Map.of("items", Map.of("type", "string"));

    /**
     * The extra schema of an array whose items are objects of {@code item}'s shape. Results declare their lists'
     * items so a client can check them, and so the response budget's cut may only drop items, never put a note of
     * another type among them ({@link Fit}).
     */
    static Map<String, Object> itemsOf(Schema item) {
        return Map.of("items", item.toJsonSchema());
    }

    private final Map<String, Arg> args = new LinkedHashMap<>();
    private boolean open;

    static Schema of() {
        return new Schema();
    }

    Schema required(String name, String type, String description) {
        args.put(name, new Arg(name, type, description, true, Map.of()));
        return this;
    }

    Schema optional(String name, String type, String description) {
        args.put(name, new Arg(name, type, description, false, Map.of()));
        return this;
    }

    Schema optional(String name, String type, String description, Map<String, Object> extra) {
        args.put(name, new Arg(name, type, description, false, extra));
        return this;
    }

    /**
     * The fields of a world file an author writes (all but {@code name}, which the caller describes), from the
     * engine's one description of them ({@link WorldSchema}): type and a line each, the nested fields said in that
     * line. The nested schema of each (a script's, an entity's, the space's fields) was 5 KB of every
     * conversation's tools/list; the guide gives them field by field.
     */
    Schema world() {
        for (WorldSchema.Field f : WorldSchema.WORLD) {
            if (!f.snapshot() && !f.name().equals("name")) {
                optional(f.name(), f.type(), f.description());
            }
        }
        return this;
    }

    /** Accept arguments beyond the listed ones (create_world: the whole world definition). */
    Schema open() {
        open = true;
        return this;
    }

    boolean isOpen() {
        return open;
    }

    Map<String, Arg> args() {
        return args;
    }

    /** The schema of a tool's input: each argument with its description, what an LLM reads to call it. */
    Map<String, Object> toJsonSchema() {
        return toJsonSchema(true);
    }

    /**
     * The schema of a tool's output: its lists and objects with their items' shapes, which a client checks and a cut
     * must keep. No descriptions and no scalar fields: the tool's description says what it returns, and tools/list,
     * which every conversation pays for before it starts, would carry each twice (bench/README: tools/list size).
     */
    Map<String, Object> toOutputSchema() {
        return toJsonSchema(false);
    }

    /** A nested schema without its descriptions, at every depth. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> undescribed(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        schema.forEach((k, v) -> {
            if (!k.equals("description")) {
                out.put(k, v instanceof Map<?, ?> m ? undescribed((Map<String, Object>) m) : v);
            }
        });
        return out;
    }

    private Map<String, Object> toJsonSchema(boolean described) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        args.values().forEach(a -> {
            if (!described && !a.type().equals("array") && !a.type().equals("object")) {
                return;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            if (!a.type().equals("any")) {
                p.put("type", a.type());
            }
            if (described) {
                if (!a.name().equals("world_name")) { // the one argument nearly every tool has speaks for itself
                    p.put("description", a.description());
                }
                p.putAll(a.extra());
            } else {
                p.putAll(undescribed(a.extra()));
            }
            properties.put(a.name(), p);
            if (a.required()) {
                required.add(a.name());
            }
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (described || !open) { // an output's extra fields are allowed by default: no need to say so 31 times
            schema.put("additionalProperties", open);
        }
        return schema;
    }
}
