package org.polysim.engine;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A message in flight or delivered. Ordered for delivery by {@code (deliverTick, seq)}.
 *
 * @param seq         world-wide send sequence number
 * @param sentAt      simulation time when sent
 * @param deliverTick tick at which it is delivered
 */
public record Message(long seq, String from, String to, String kind, JsonNode content, double sentAt,
                      long deliverTick) implements org.polysim.engine.spi.InboxMessage {

    public Message {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }
}
