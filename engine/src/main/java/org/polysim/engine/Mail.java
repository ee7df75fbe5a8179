package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages in flight and their counters: the queue, the next send sequence number, the count of dropped messages.
 * Rollback removes what was sent since {@link #begin} (by sequence number) and puts back what was taken for
 * delivery.
 */
final class Mail implements Part {

    final MessageQueue queue = new MessageQueue();
    private final double dt;
    /** Coordinates of a position in this world's space (0 without one), for broadcasts in flight. */
    private final int axes;
    long sequence;
    long dropped;

    private static final String MESSAGES = "messages";
    private static final String SEQUENCE = "sequence";
    private static final String DROPPED = "dropped";
    private static final java.util.Set<String> MESSAGE = java.util.Set.of("seq", "from", "to", "kind", "content",
            "sent_at", "deliver_at", "within");
    /** A broadcast in space: {@code within: {at: [x, y], radius, script?}} instead of {@code to}. */
    private static final java.util.Set<String> WITHIN = java.util.Set.of("at", "radius", "script");

    /** What a world file says of the mail: messages in flight, the next sequence number, the dropped count. */
    record Saved(List<Message> pending, long sequence, long dropped) {
    }

    /** A broadcast in space: its centre inside the space, a radius of 0 or more, a script of the library. */
    private static Message.Reach within(JsonNode node, String where, SpaceSpec space, java.util.Set<String> scripts) {
        Fields fields = WorldSchema.FIELDS;
        ObjectNode w = fields.object(node, where);
        fields.known(w, WITHIN, where);
        if (space == null) {
            throw new WorldFileException(where, "a broadcast within a radius needs a space; this world has none");
        }
        JsonNode at = w.get("at");
        double[] extent = {space.width(), space.height(), space.depth()};
        if (at == null || !at.isArray() || at.size() != space.axes()) {
            throw new WorldFileException(where + ".at", "expected a position of " + space.axes() + " numbers, got "
                    + Fields.describe(at));
        }
        double[] p = new double[3];
        for (int k = 0; k < at.size(); k++) {
            if (!at.get(k).isNumber() || !(at.get(k).doubleValue() >= 0 && at.get(k).doubleValue() <= extent[k])) {
                throw new WorldFileException(where + ".at", "expected a position inside the space, got " + at);
            }
            p[k] = at.get(k).doubleValue();
        }
        double radius = fields.optDouble(w, "radius", 0, where);
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new WorldFileException(where + ".radius", "must be a number >= 0, got " + radius);
        }
        String script = fields.optString(w, "script", null, where);
        if (script != null && !scripts.contains(script)) {
            throw new WorldFileException(where + ".script", "no script '" + script + "' in the library");
        }
        return new Message.Reach(p, radius, script);
    }

    static Saved read(ObjectNode top, double dt, SpaceSpec space, java.util.Set<String> scripts) {
        Fields fields = WorldSchema.FIELDS;
        List<Message> pending = new ArrayList<>();
        JsonNode node = top.get(MESSAGES);
        if (node != null && !node.isNull()) {
            if (!node.isArray()) {
                throw new WorldFileException(MESSAGES, "expected a list of messages, got " + Fields.describe(node));
            }
            for (int i = 0; i < node.size(); i++) {
                String where = MESSAGES + "[" + i + "]";
                ObjectNode m = fields.object(node.get(i), where);
                fields.known(m, MESSAGE, where);
                JsonNode content = m.has("content") ? m.get("content") : JsonNodeFactory.instance.nullNode();
                if (m.has("within") && m.has("to")) {
                    throw new WorldFileException(where, "give to (one recipient) or within (a broadcast), not both");
                }
                Message.Reach reach = m.has("within") ? within(m.get("within"), where + ".within", space, scripts)
                        : null;
                pending.add(new Message(fields.optLong(m, "seq", i, where), fields.requiredString(m, "from", where),
                        reach != null ? "" : fields.requiredString(m, "to", where),
                        fields.optString(m, "kind", "", where), content, fields.optDouble(m, "sent_at", 0, where),
                        Math.round(fields.optDouble(m, "deliver_at", 0, where) / dt), reach));
            }
        }
        return new Saved(pending, fields.optLong(top, SEQUENCE, 0, ""), fields.optLong(top, DROPPED, 0, ""));
    }

    private long startSequence;
    private long startDropped;
    private final List<Message> polled = new ArrayList<>();

    Mail(double dt, int axes, Saved saved) {
        this.dt = dt;
        this.axes = axes;
        this.sequence = saved.sequence();
        this.dropped = saved.dropped();
        queue.addAll(saved.pending());
    }

    void send(String from, String to, String kind, tools.jackson.databind.JsonNode content, double sentAt,
              long deliverTick) {
        queue.add(new Message(sequence++, from, to, kind, content, sentAt, deliverTick));
    }

    /** A broadcast in space, one message in flight until delivery finds its recipients. */
    void broadcast(String from, Message.Reach reach, String kind, JsonNode content, double sentAt, long deliverTick) {
        queue.add(new Message(sequence++, from, "", kind, content, sentAt, deliverTick, reach));
    }

    /** A due message found no recipient: counted, as the world reports dropped messages. */
    void drop() {
        dropped++;
    }

    /** Takes the messages due at {@code tick} off the queue, in delivery order. */
    List<Message> due(long tick) {
        List<Message> due = queue.pollDue(tick);
        polled.addAll(due);
        return due;
    }

    @Override
    public void begin() {
        startSequence = sequence;
        startDropped = dropped;
        polled.clear();
    }

    @Override
    public void rollback() {
        long from = startSequence;
        queue.removeIf(m -> m.seq() >= from);
        queue.addAll(polled);
        polled.clear();
        sequence = startSequence;
        dropped = startDropped;
    }

    @Override
    public void write(ObjectNode snapshot) {
        ArrayNode messages = snapshot.putArray(MESSAGES);
        for (Message m : queue.toList()) {
            ObjectNode o = messages.addObject();
            o.put("seq", m.seq());
            o.put("from", m.from());
            if (m.reach() == null) {
                o.put("to", m.to());
            } else {
                ObjectNode w = o.putObject("within");
                ArrayNode at = w.putArray("at");
                for (int k = 0; k < axes; k++) {
                    at.add(Numbers.node(m.reach().at()[k]));
                }
                w.set("radius", Numbers.node(m.reach().radius()));
                if (m.reach().script() != null) {
                    w.put("script", m.reach().script());
                }
            }
            o.put("kind", m.kind());
            o.set("content", m.content().deepCopy());
            o.set("sent_at", Numbers.node(m.sentAt()));
            o.set("deliver_at", Numbers.node(m.deliverTick() * dt));
        }
        snapshot.put(SEQUENCE, sequence);
        snapshot.put(DROPPED, dropped);
    }
}
