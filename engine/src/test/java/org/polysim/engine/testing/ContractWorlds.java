package org.polysim.engine.testing;

import java.util.List;
import java.util.Map;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API contracts ({@link SpaceContract}, {@link NetworkContract}) share: a contract world with its scripts in
 * one language or as Java twins, and the parts of a snapshot compared between languages.
 */
final class ContractWorlds {

    private ContractWorlds() {}

    /**
     * The world {@code head} (YAML, ending in {@code scripts:}) with each behaviour's script in {@code lang}: its
     * source from {@code sources}, or the Java twin {@code prefix + name} when {@code lang} is {@code java-test}.
     */
    static World world(String head, String lang, String language, Map<String, String> sources, String prefix,
                       List<String> behaviours) throws SimulationException {
        StringBuilder yaml = new StringBuilder(head);
        for (String name : behaviours) {
            String source = lang.equals("java-test") ? prefix + name : sources.get(name);
            if (source == null) {
                throw new IllegalStateException("the " + language + " contract lacks behaviour " + name);
            }
            ObjectNode s = JsonNodeFactory.instance.objectNode().put("language", lang).put("source", source);
            yaml.append("  ").append(name).append(": ").append(WorldFiles.toJson(s)).append('\n');
        }
        return World.create(WorldFiles.parse(yaml.toString(), false, prefix + "contract.yaml"), null, null);
    }

    /** The snapshot's {@code fields}, numbers compared by value and an empty list as an empty object. */
    static JsonNode outcome(World w, String... fields) {
        ObjectNode snap = w.snapshot();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String f : fields) {
            out.set(f, numeric(snap.get(f)));
        }
        return out;
    }

    /** Numbers by value, and an empty list as an empty object (Lua cannot tell an empty table's kind). */
    private static JsonNode numeric(JsonNode v) {
        if (v.isContainer() && v.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (v.isNumber()) {
            return JsonNodeFactory.instance.numberNode(v.doubleValue());
        }
        if (v.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.properties().forEach(p -> o.set(p.getKey(), numeric(p.getValue())));
            return o;
        }
        if (v.isArray()) {
            var a = JsonNodeFactory.instance.arrayNode();
            v.forEach(x -> a.add(numeric(x)));
            return a;
        }
        return v;
    }
}
