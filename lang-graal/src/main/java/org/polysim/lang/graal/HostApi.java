package org.polysim.lang.graal;

import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.polysim.engine.spi.EntityContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The only host object a guest sees: the entity API of the call in progress; structured values travel as text in
 * the language's {@link StateCodec}.
 * Errors are {@link IllegalArgumentException}s with messages meant for the script author.
 */
public final class HostApi {

    /** A thread-local buffer pool: the default concurrent pool cost more than the writing for small values. */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();

    private final StateCodec codec;
    private final boolean integralDoubles;
    private EntityContext current;

    /**
     * @param integralDoubles whether a whole double is a whole number, as in JavaScript (where 2.0 is 2 and JSON
     *                        writes it as 2), rather than a float, as in Python
     */
    HostApi(StateCodec codec, boolean integralDoubles) {
        this.codec = codec;
        this.integralDoubles = integralDoubles;
    }

    void bind(EntityContext context) {
        current = context;
    }

    EntityContext current() {
        return current;
    }

    private EntityContext entity() {
        if (current == null) {
            throw new IllegalStateException("the entity API works inside init and update only");
        }
        return current;
    }

    @HostAccess.Export
    public void send(String to, String kind, String contentJson, Object delay) {
        entity().send(to, kind, codec.decode(contentJson, "message content"), ticks(delay));
    }

    /**
     * {@link #send} for a number, the commonest content, without text in between; the node is the one the text
     * route would give (JSON writes NaN and infinities as null).
     */
    @HostAccess.Export
    public void sendNumber(String to, String kind, Number value, Object delay) {
        entity().send(to, kind, numberNode(value), ticks(delay));
    }

    /** A send's delay: null (the default) or a number of ticks. */
    private static Double ticks(Object delay) {
        if (delay != null && !(delay instanceof Number)) {
            throw new IllegalArgumentException("send: delay must be a number of ticks, got " + delay);
        }
        return delay == null ? null : ((Number) delay).doubleValue();
    }

    private JsonNode numberNode(Number value) {
        if (value instanceof Integer i) {
            return IntNode.valueOf(i);
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? IntNode.valueOf(l.intValue()) : LongNode.valueOf(l);
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            return NullNode.getInstance();
        }
        if (integralDoubles && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            long l = (long) d;
            return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
        }
        return DoubleNode.valueOf(d);
    }

    @HostAccess.Export
    public String spawn(String script, String stateJson) {
        JsonNode state = codec.decode(stateJson, "the new entity's state");
        if (!state.isObject()) {
            throw new IllegalArgumentException("spawn: the state must be an object, got " + state);
        }
        return entity().spawn(script, (ObjectNode) state);
    }

    @HostAccess.Export
    public void destroy(String id) {
        entity().destroy(id);
    }

    @HostAccess.Export
    public void metric(String name, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("metric '" + name + "' needs a number, got " + value);
        }
        entity().metric(name, n.doubleValue());
    }

    @HostAccess.Export
    public void log(String text) {
        entity().log(text);
    }

    @HostAccess.Export
    public double random() {
        return entity().random();
    }

    @HostAccess.Export
    public long randomInt(Object lo, Object hi) {
        return entity().random(whole(lo, "lo"), whole(hi, "hi"));
    }

    @HostAccess.Export
    public String entities(String script) {
        List<String> ids = entity().entities(script);
        return codec.encode(JSON.valueToTree(ids));
    }

    private static long whole(Object v, String name) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException("random(lo, hi): " + name + " must be a whole number, got " + v);
    }

    static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json == null ? "null" : json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " is not JSON data (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
    }
}
