package org.polysim.engine.spi;

import tools.jackson.databind.JsonNode;

/** A message as the recipient's script sees it: {@code {from, kind, content, sent_at}}. */
public interface InboxMessage {

    /** The sender's id. */
    String from();

    String kind();

    /** Any JSON; never null (JSON null is a node). */
    JsonNode content();

    /** Simulation time when it was sent. */
    double sentAt();
}
