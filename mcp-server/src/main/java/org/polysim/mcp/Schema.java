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
     * The fields of a world file an author writes (all but {@code name}, which the caller describes), each with
     * its nested schema, from the engine's one description of them ({@link WorldSchema}).
     */
    @SuppressWarnings("unchecked")
    Schema world() {
        for (WorldSchema.Field f : WorldSchema.WORLD) {
            if (!f.snapshot() && !f.name().equals("name")) {
                Map<String, Object> full = Json.MAPPER.convertValue(WorldSchema.jsonSchema(f.name()), Map.class);
                full.remove("type");
                full.remove("description");
                optional(f.name(), f.type(), f.description(), full);
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

    Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        args.values().forEach(a -> {
            Map<String, Object> p = new LinkedHashMap<>();
            if (!a.type().equals("any")) {
                p.put("type", a.type());
            }
            p.put("description", a.description());
            p.putAll(a.extra());
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
        schema.put("additionalProperties", open);
        return schema;
    }
}
