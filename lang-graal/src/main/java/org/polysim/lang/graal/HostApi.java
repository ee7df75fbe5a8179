package org.polysim.lang.graal;

import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.polysim.engine.spi.ApiMember;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.InboxMessage;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;

/**
 * The only host object a guest sees: the entity API of the call in progress; structured values travel as text in
 * the language's {@link StateCodec}.
 * Errors are {@link IllegalArgumentException}s with messages meant for the script author.
 */
public final class HostApi {

    /** A thread-local buffer pool: the default concurrent pool cost more than the writing for small values. */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();

    /** {@link ApiMember#values()} once: it copies the array on every call. */
    private static final ApiMember[] MEMBERS = ApiMember.values();

    private final StateCodec codec;
    private final boolean integralDoubles;
    private EntityContext current;
    /** The inbox of the call in progress, taken once: {@link EntityContext#inbox} may wrap it anew on each call. */
    private List<InboxMessage> inbox = List.of();

    /**
     * @param integralDoubles whether a whole double is a whole number, as in JavaScript (where 2.0 is 2 and JSON
     *                        writes it as 2), rather than a float, as in Python
     */
    HostApi(StateCodec codec, boolean integralDoubles) {
        this.codec = codec;
        this.integralDoubles = integralDoubles;
    }

    /**
     * A run of updates in one guest call ({@link GraalController#updateAll}), as the prelude's loop sees it (the
     * host's side of the engine's {@link org.polysim.engine.spi.Turns}).
     */
    interface Loop {
        /**
         * Ends the update in progress, if any, with its result (the state's new text, or null: unchanged) and begins
         * the next: its index in the chunk the guest holds, {@link #NEW_CHUNK} when the guest is to take
         * {@link #chunk} first (the update is then its first entry), or {@link #DONE}.
         */
        int next(String result);

        /** The entities from the update just begun on: {@code [[id, state or null, [message, …]], …]} in the codec. */
        String chunk();
    }

    /** {@link Loop#next}: the run is over. */
    static final int DONE = -1;
    /** {@link Loop#next}: the update just begun is the first entry of a new {@link Loop#chunk}. */
    static final int NEW_CHUNK = -2;

    private Loop loop;

    void loop(Loop loop) {
        this.loop = loop;
    }

    /** The prelude's loop over a run: see {@link Loop#next}. */
    @HostAccess.Export
    public int next(String result) {
        return running().next(result);
    }

    /** The prelude's loop over a run: see {@link Loop#chunk}. */
    @HostAccess.Export
    public String chunk() {
        return running().chunk();
    }

    private Loop running() {
        if (loop == null) {
            throw new IllegalStateException("next and chunk are the prelude's, inside a run of updates");
        }
        return loop;
    }

    void bind(EntityContext context) {
        current = context;
        inbox = context == null ? List.of() : context.inbox();
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

    /**
     * Any member of the entity API, by its {@link ApiMember} ordinal: the prelude builds every guest-side member
     * from {@link #members()} and calls this. Arguments arrive as the guest gives them, except that JSON and object
     * parameters come as text in the language's codec (a number may come as itself, the commonest message content);
     * lists and JSON results go back as text for the prelude to parse.
     */
    @HostAccess.Export
    public Object call(int member, Object... args) {
        ApiMember m = MEMBERS[member];
        Object[] values = new Object[args.length];
        for (int k = 0; k < args.length && k < m.params().size(); k++) {
            values[k] = args[k] == null ? null : convert(m, m.params().get(k), args[k]);
        }
        Object result = m.invoke(entity(), args.length > m.params().size() ? args : values);
        return switch (result) {
            case null -> null;
            case java.util.List<?> list -> codec.encode(JSON.valueToTree(list));
            case JsonNode json -> codec.encode(json);
            default -> result;
        };
    }

    // The same with a fixed number of arguments, which the preludes call whenever they can: a JavaScript call of a
    // varargs host method with spread arguments cost 300 to 420 ns, one of a fixed arity 55 to 80 (a probe, 1M
    // calls of three arguments, compiled). No member takes more than five.

    @HostAccess.Export
    public Object call0(int member) {
        return call(member, new Object[0]);
    }

    @HostAccess.Export
    public Object call1(int member, Object a) {
        return call(member, new Object[] {a});
    }

    @HostAccess.Export
    public Object call2(int member, Object a, Object b) {
        return call(member, new Object[] {a, b});
    }

    @HostAccess.Export
    public Object call3(int member, Object a, Object b, Object c) {
        return call(member, new Object[] {a, b, c});
    }

    @HostAccess.Export
    public Object call4(int member, Object a, Object b, Object c, Object d) {
        return call(member, new Object[] {a, b, c, d});
    }

    @HostAccess.Export
    public Object call5(int member, Object a, Object b, Object c, Object d, Object e) {
        return call(member, new Object[] {a, b, c, d, e});
    }

    /** The entity API for the prelude: [{name, result, params: [{name, type, what}]}], as text in the codec. */
    String members() {
        var list = JSON.createArrayNode();
        for (ApiMember m : ApiMember.values()) {
            var o = list.addObject().put("name", m.memberName()).put("result", m.result().name())
                    .put("property", m.property());
            var params = o.putArray("params");
            m.params().forEach(p -> params.addObject().put("name", p.name()).put("type", p.type().name())
                    .put("what", p.what()));
        }
        return codec.encode(list);
    }

    private Object convert(ApiMember m, ApiMember.Param p, Object v) {
        return switch (p.type()) {
            case STRING, TEXT -> v instanceof String s ? s : v instanceof Number n ? text(n)
                    : bad(m, p, "a string", v);
            case NUMBER -> v instanceof Number n ? n.doubleValue() : bad(m, p, "a number", v);
            case INTEGER -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
                    : bad(m, p, "a whole number", v);
            case JSON -> v instanceof Number n ? numberNode(n) : codec.decode(String.valueOf(v), p.what());
            case OBJECT -> {
                JsonNode o = codec.decode(String.valueOf(v), p.what());
                if (!o.isObject()) {
                    throw new IllegalArgumentException(m.memberName() + ": " + p.what() + " must be an object, got "
                            + o);
                }
                yield o;
            }
        };
    }

    /** A number as the node the text route would give (JSON writes NaN and infinities as null). */
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

    /** A number where a string is expected, as the guest would print it (7, not 7.0). */
    private static String text(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? Long.toString((long) d) : n.toString();
    }

    private static Object bad(ApiMember m, ApiMember.Param p, String expected, Object v) {
        throw new IllegalArgumentException(m.memberName() + ": " + p.name() + " must be " + expected + ", got " + v
                + "; " + m.signature());
    }

    // ---- the inbox, read by the prelude one field at a time: a scalar content (the commonest) crosses as itself, and
    // no message is written to text and parsed again (that was 43% of a JavaScript wealth update's guest call)

    /** How many messages the call in progress received. */
    @HostAccess.Export
    public int inboxSize() {
        return inbox.size();
    }

    @HostAccess.Export
    public String inboxFrom(int index) {
        return message(index).from();
    }

    @HostAccess.Export
    public String inboxKind(int index) {
        return message(index).kind();
    }

    @HostAccess.Export
    public double inboxSentAt(int index) {
        return message(index).sentAt();
    }

    /**
     * A message's content as text in the codec when it needs it (an object, an array, an integer beyond 64 bits);
     * null otherwise, and {@link #inboxScalar} gives it as itself.
     */
    @HostAccess.Export
    public String inboxEncoded(int index) {
        JsonNode content = message(index).content();
        return content.isContainer() || (content.isIntegralNumber() && !content.canConvertToLong())
                ? codec.encode(content) : null;
    }

    /** A content that {@link #inboxEncoded} leaves alone: a string, a boolean, an int, a long, a double or null. */
    @HostAccess.Export
    public Object inboxScalar(int index) {
        JsonNode c = message(index).content();
        if (c.isString()) {
            return c.stringValue();
        }
        if (c.isBoolean()) {
            return c.booleanValue();
        }
        if (c.isIntegralNumber()) {
            return c.canConvertToInt() ? (Object) c.intValue() : (Object) c.longValue();
        }
        if (c.isNumber()) {
            return c.doubleValue();
        }
        return null;
    }

    private InboxMessage message(int index) {
        return inbox.get(index);
    }

    @HostAccess.Export
    public double random() {
        return entity().random();
    }

    @HostAccess.Export
    public long randomInt(Object lo, Object hi) {
        return entity().random(whole(lo, "lo"), whole(hi, "hi"));
    }

    private static long whole(Object v, String name) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException("random: " + name + " must be a whole number, got " + v);
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
