package org.polysim.engine;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A message in flight or delivered. Ordered for delivery by {@code (deliverTick, seq)}.
 *
 * @param seq         world-wide send sequence number
 * @param to          the recipient; empty for a broadcast in space until delivery resolves it
 * @param sentAt      simulation time when sent
 * @param deliverTick tick at which it is delivered
 * @param reach       for a broadcast in space, whom it reaches (resolved at delivery); null for one recipient
 */
public record Message(long seq, String from, String to, String kind, JsonNode content, double sentAt,
                      long deliverTick, Reach reach) implements org.polysim.engine.spi.InboxMessage {

    /**
     * A broadcast in space: every live entity (of {@code script}, if given) within {@code radius} of {@code at} when it
     * is delivered, in the space's distance, nearest first, the sender left out.
     */
    public record Reach(double[] at, double radius, String script) {
    }

    public Message {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }

    public Message(long seq, String from, String to, String kind, JsonNode content, double sentAt, long deliverTick) {
        this(seq, from, to, kind, content, sentAt, deliverTick, null);
    }

    /** This broadcast as delivered to {@code recipient}. */
    Message to(String recipient) {
        return new Message(seq, from, recipient, kind, content, sentAt, deliverTick, null);
    }
}
