package org.polysim.engine;

import tools.jackson.databind.node.ObjectNode;

/**
 * Params changed by name from outside a world: {@code polysim run --param}, {@code set_params}, {@code copy_world},
 * an example's params, an experiment's {@code params} and {@code vary}. One rule for all of them: a change never
 * adds a param, because a misspelt name would otherwise run the model unchanged without a word. Each caller says
 * the refusal in its own terms ({@link Unknown#known} says what the params have).
 */
public final class ParamChanges {

    private ParamChanges() {}

    /** A name the params lack. */
    public static final class Unknown extends IllegalArgumentException {
        private final String name;
        private final java.util.List<String> known;

        Unknown(String name, ObjectNode params) {
            super("no param '" + name + "'");
            this.name = name;
            this.known = java.util.List.copyOf(params.propertyNames());
        }

        /** The name asked for. */
        public String name() {
            return name;
        }

        /** The params there are, in their order (empty when there are none). */
        public java.util.List<String> known() {
            return known;
        }

        /** {@link #known} as a message lists them: comma-separated, or {@code none}. */
        public String knownText() {
            return known.isEmpty() ? "none" : String.join(", ", known);
        }
    }

    /** Refuses a name {@code params} lacks. */
    public static void check(ObjectNode params, String name) {
        if (!params.has(name)) {
            throw new Unknown(name, params);
        }
    }

    /** A copy of {@code params} with {@code changes} set; refuses the first name {@code params} lacks. */
    public static ObjectNode applied(ObjectNode params, ObjectNode changes) {
        changes.propertyNames().forEach(name -> check(params, name));
        ObjectNode out = params.deepCopy();
        out.setAll(changes);
        return out;
    }
}
