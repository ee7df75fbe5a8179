package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages in flight and their counters: the queue, the next send sequence number, the count of dropped messages.
 * Rollback removes what was sent since {@link #begin} (by sequence number) and puts back what was taken for
 * delivery.
 */
final class Mail implements Part {

    final MessageQueue queue = new MessageQueue();
    private final double dt;
    long sequence;
    long dropped;

    private long startSequence;
    private long startDropped;
    private final List<Message> polled = new ArrayList<>();

    Mail(double dt, List<Message> pending, long sequence, long dropped) {
        this.dt = dt;
        this.sequence = sequence;
        this.dropped = dropped;
        queue.addAll(pending);
    }

    void send(String from, String to, String kind, tools.jackson.databind.JsonNode content, double sentAt,
              long deliverTick) {
        queue.add(new Message(sequence++, from, to, kind, content, sentAt, deliverTick));
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
        ArrayNode messages = snapshot.putArray("messages");
        for (Message m : queue.toList()) {
            ObjectNode o = messages.addObject();
            o.put("seq", m.seq());
            o.put("from", m.from());
            o.put("to", m.to());
            o.put("kind", m.kind());
            o.set("content", m.content().deepCopy());
            o.set("sent_at", Numbers.node(m.sentAt()));
            o.set("deliver_at", Numbers.node(m.deliverTick() * dt));
        }
        snapshot.put("sequence", sequence);
        snapshot.put("dropped", dropped);
    }
}
