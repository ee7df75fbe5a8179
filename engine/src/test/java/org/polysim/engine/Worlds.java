package org.polysim.engine;

import org.polysim.engine.testing.JavaTestLanguage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Helpers for engine tests: worlds from YAML text, snapshots as text, state edits. */
final class Worlds {

    private Worlds() {}

    static World yaml(String text) throws SimulationException {
        return World.create(WorldFiles.parse(text, false, "test.yaml"), null, null);
    }

    static String snapshotText(World w) {
        return WorldFiles.toJson(w.snapshot());
    }

    static String behaviour(String name, JavaTestLanguage.Behaviour b) {
        return JavaTestLanguage.register(name, b);
    }

    /** A copy of {@code state} with {@code value} appended to the list {@code field}. */
    static ObjectNode append(ObjectNode state, String field, String value) {
        ObjectNode copy = state.deepCopy();
        ArrayNode list = copy.has(field) ? (ArrayNode) copy.get(field) : copy.putArray(field);
        list.add(value);
        return copy;
    }
}
