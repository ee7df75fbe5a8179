package org.polysim.engine.spi;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entity API scripts call (DESIGN.md "Scripts"), written once: each member's name, parameters and what it does
 * on the {@link EntityContext}. Every language binds all members generically from this table, converting its
 * arguments by {@link Type} ({@code null} for one not given) and its result back, so a new member is one constant
 * here, and a language binds it without code of its own.
 *
 * <p>Results are {@code null} (nothing), a {@link String}, a {@link Double} or {@link Long} (for {@link Result#NUMBER}),
 * a {@link Boolean}, a
 * list of strings, or JSON ({@link JsonNode}); {@link #result} says which. A member without parameters that reads
 * the entity ({@code x}, {@code y}, {@code z}) is a {@link #property()}: scripts write {@code e.x}, not
 * {@code e.x()}.
 */
public enum ApiMember {

    SEND("send", Result.NOTHING, (e, a) -> {
        e.send(a.string(0), a.has(1) ? a.string(1) : "", a.json(2), a.has(3) ? a.number(3) : null);
        return null;
    }, required("to", Type.STRING), optional("kind", Type.STRING),
            new Param("content", Type.JSON, true, "message content"), optional("delay", Type.NUMBER)),
    SPAWN("spawn", Result.STRING, (e, a) -> e.spawn(a.string(0), a.has(1) ? a.object(1) : null,
            a.has(2) ? a.json(2) : null),
            required("script", Type.STRING), new Param("state", Type.OBJECT, true, "the new entity's state"),
            new Param("at", Type.JSON, true, "the new entity's position")),
    DESTROY("destroy", Result.BOOLEAN, (e, a) -> e.destroy(a.has(0) ? a.string(0) : null),
            optional("id", Type.STRING)),
    METRIC("metric", Result.NOTHING, (e, a) -> {
        e.metric(a.string(0), a.number(1));
        return null;
    }, required("name", Type.STRING), required("value", Type.NUMBER)),
    LOG("log", Result.NOTHING, (e, a) -> {
        e.log(a.has(0) ? a.string(0) : "");
        return null;
    }, optional("text", Type.TEXT)),
    /** {@code random()} a float in [0, 1); {@code random(n)} an integer in [1, n]; {@code random(lo, hi)} in [lo, hi]. */
    RANDOM("random", Result.NUMBER, (e, a) -> {
        if (!a.has(0)) {
            return e.random();
        }
        long lo = a.has(1) ? a.integer(0) : 1;
        long hi = a.has(1) ? a.integer(1) : a.integer(0);
        if (lo > hi) {
            throw new IllegalArgumentException("random: the interval [" + lo + ", " + hi + "] is empty");
        }
        return e.random(lo, hi);
    }, optional("lo", Type.INTEGER), optional("hi", Type.INTEGER)),
    ENTITIES("entities", Result.STRINGS, (e, a) -> e.entities(a.has(0) ? a.string(0) : null),
            optional("script", Type.STRING)),
    /** {@code e.x}: a property, not a call (absent in a world without space). */
    X("x", Result.NUMBER, (e, a) -> e.coordinate(0)),
    Y("y", Result.NUMBER, (e, a) -> e.coordinate(1)),
    Z("z", Result.NUMBER, (e, a) -> e.coordinate(2)),
    MOVE("move", Result.BOOLEAN, (e, a) -> e.move(a.number(0), a.number(1), a.has(2) ? a.number(2) : null),
            required("x", Type.NUMBER), required("y", Type.NUMBER), optional("z", Type.NUMBER)),
    NEAR("near", Result.STRINGS, (e, a) -> e.near(a.number(0), a.has(1) ? a.string(1) : null),
            required("r", Type.NUMBER), optional("script", Type.STRING)),
    AT("at", Result.STRINGS, (e, a) -> e.at(a.number(0), a.number(1), a.has(2) ? a.number(2) : null),
            required("x", Type.NUMBER), required("y", Type.NUMBER), optional("z", Type.NUMBER)),
    FREE("free", Result.JSON, (e, a) -> e.free()),
    LOOK("look", Result.JSON, (e, a) -> e.look(a.string(0)), required("id", Type.STRING)),
    NEARBY("nearby", Result.JSON, (e, a) -> e.nearby(a.number(0), a.has(1) ? a.string(1) : null),
            required("r", Type.NUMBER), optional("script", Type.STRING)),
    LAYER("layer", Result.NUMBER, (e, a) -> e.layer(a.string(0), at(a, 1), at(a, 2), at(a, 3)),
            required("name", Type.STRING), optional("x", Type.NUMBER), optional("y", Type.NUMBER),
            optional("z", Type.NUMBER)),
    TAKE("take", Result.NUMBER, (e, a) -> e.take(a.string(0), a.number(1), at(a, 2), at(a, 3), at(a, 4)),
            required("name", Type.STRING), required("amount", Type.NUMBER), optional("x", Type.NUMBER),
            optional("y", Type.NUMBER), optional("z", Type.NUMBER)),
    PUT("put", Result.NUMBER, (e, a) -> e.put(a.string(0), a.number(1), at(a, 2), at(a, 3), at(a, 4)),
            required("name", Type.STRING), required("amount", Type.NUMBER), optional("x", Type.NUMBER),
            optional("y", Type.NUMBER), optional("z", Type.NUMBER)),
    NEIGHBORS("neighbors", Result.STRINGS, (e, a) -> e.neighbors()),
    LINKS("links", Result.JSON, (e, a) -> e.links()),
    LINK("link", Result.BOOLEAN, (e, a) -> e.link(a.string(0), a.has(1) ? a.number(1) : null),
            required("id", Type.STRING), optional("weight", Type.NUMBER)),
    UNLINK("unlink", Result.BOOLEAN, (e, a) -> e.unlink(a.string(0)), required("id", Type.STRING)),
    DEGREE("degree", Result.NUMBER, (e, a) -> e.degree()),
    BROADCAST("broadcast", Result.NUMBER, (e, a) -> e.broadcast(a.has(0) ? a.string(0) : "", a.json(1),
            a.has(2) ? a.object(2) : null), optional("kind", Type.STRING),
            new Param("content", Type.JSON, true, "message content"),
            new Param("options", Type.OBJECT, true, "broadcast options ({radius, x, y, z, script, delay})"));

    private static Double at(Args a, int i) {
        return a.has(i) ? a.number(i) : null;
    }

    /** How a parameter's value arrives from a script. */
    public enum Type {
        /** a string */
        STRING,
        /** a number, as a {@link Double} */
        NUMBER,
        /** a whole number, as a {@link Long} */
        INTEGER,
        /** any JSON value, as a {@link JsonNode} */
        JSON,
        /** a JSON object, as an {@link ObjectNode} */
        OBJECT,
        /** every remaining argument, each as the language prints it, joined by spaces */
        TEXT
    }

    /** What a member gives back. */
    public enum Result {
        NOTHING, STRING, NUMBER, BOOLEAN, STRINGS, JSON
    }

    /**
     * One parameter; an optional one not given arrives as {@code null}.
     *
     * @param what how errors about its value name it, e.g. "message content"
     */
    public record Param(String name, Type type, boolean optional, String what) {
    }

    /** The arguments of one call, converted by the language; {@code null} where one was not given. */
    public record Args(ApiMember member, Object[] values) {

        public boolean has(int i) {
            return i < values.length && values[i] != null;
        }

        private Object get(int i) {
            if (!has(i)) { // "metric: value is missing for name 'wage'": which call of many, by its first argument
                String of = i > 0 && has(0) && values[0] instanceof String first ? " for "
                        + member.params.getFirst().name() + " '" + first + "'" : "";
                throw new IllegalArgumentException(member.name + ": " + member.params.get(i).name()
                        + " is missing" + of + "; " + member.signature());
            }
            return values[i];
        }

        public String string(int i) {
            return (String) get(i);
        }

        public double number(int i) {
            return (Double) get(i);
        }

        public long integer(int i) {
            return (Long) get(i);
        }

        public JsonNode json(int i) {
            return has(i) ? (JsonNode) values[i] : tools.jackson.databind.node.NullNode.getInstance();
        }

        public ObjectNode object(int i) {
            return (ObjectNode) get(i);
        }
    }

    /** What a member does with its arguments. */
    @FunctionalInterface
    private interface Body {
        Object apply(EntityContext entity, Args args);
    }

    private final String name;
    private final Result result;
    private final Body body;
    private final List<Param> params;
    private final boolean takesText;

    ApiMember(String name, Result result, Body body, Param... params) {
        this.name = name;
        this.result = result;
        this.body = body;
        this.params = List.of(params);
        this.takesText = this.params.stream().anyMatch(p -> p.type() == Type.TEXT);
    }

    /** Whether scripts read it as a field ({@code e.x}) rather than call it. */
    public boolean property() {
        return this == X || this == Y || this == Z;
    }

    private static Param required(String name, Type type) {
        return new Param(name, type, false, name);
    }

    private static Param optional(String name, Type type) {
        return new Param(name, type, true, name);
    }

    /** The name scripts call it by, e.g. {@code send}. */
    public String memberName() {
        return name;
    }

    public Result result() {
        return result;
    }

    public List<Param> params() {
        return params;
    }

    /** Whether its last parameter takes every remaining argument ({@link Type#TEXT}). */
    public boolean takesText() {
        return takesText;
    }

    /** How to call it, for error messages: {@code send(to, kind?, content?, delay?)}. */
    public String signature() {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(params.get(i).name()).append(params.get(i).optional() ? "?" : "");
        }
        return s.append(')').toString();
    }

    /**
     * Runs this member for {@code entity}.
     *
     * @param values one per parameter at most, converted by {@link Type}; {@code null} where not given
     * @throws IllegalArgumentException with a message for the script's author
     */
    public Object invoke(EntityContext entity, Object... values) {
        if (values.length > params.size()) {
            throw new IllegalArgumentException(name + " takes at most " + params.size() + " arguments, got "
                    + values.length + "; " + signature());
        }
        return body.apply(entity, new Args(this, values));
    }
}
