package org.polysim.lang.graal;

import java.io.StringWriter;
import java.util.List;
import java.util.function.Predicate;
import org.polysim.engine.spi.InboxMessage;
import org.polysim.engine.spi.Turns;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * How JSON values travel to and from a guest as text. JSON text suits JavaScript (its parser is native); Python's
 * {@code json} module is slow on GraalPy, so Python uses its {@code marshal} format instead.
 */
public interface StateCodec {

    String encode(JsonNode value);

    /** @throws IllegalArgumentException when the text is not a JSON value (the message says why) */
    JsonNode decode(String text, String what);

    /**
     * A run's chunk ({@link HostApi.Loop#chunk}), {@code [[id, state or null, [{from, kind, content, sent_at}, …]],
     * …]}, written straight to text: building it as a tree first cost a tenth of a 10k-entity JavaScript tick.
     *
     * @param held    whether the guest holds an entity's state already (then null is written); asked once per entity
     * @param inboxes whether to write the inboxes; null is written instead, and the guest reads each inbox from the
     *                host as the update begins (quicker once compiled, at 10k entities)
     */
    String encodeChunk(List<Turns.Upcoming> entities, Predicate<Turns.Upcoming> held, boolean inboxes);

    /** JSON text. */
    StateCodec JSON = new StateCodec() {
        @Override
        public String encode(JsonNode value) {
            return HostApi.JSON.writeValueAsString(value);
        }

        @Override
        public String encodeChunk(List<Turns.Upcoming> entities, Predicate<Turns.Upcoming> held, boolean inboxes) {
            StringWriter text = new StringWriter(64 + 48 * entities.size());
            try (JsonGenerator g = HostApi.JSON.createGenerator(text)) {
                g.writeStartArray();
                for (Turns.Upcoming u : entities) {
                    g.writeStartArray();
                    g.writeString(u.id());
                    if (held.test(u)) {
                        g.writeNull();
                    } else {
                        g.writeTree(u.state());
                    }
                    if (!inboxes) {
                        g.writeNull();
                        g.writeEndArray();
                        continue;
                    }
                    g.writeStartArray();
                    for (InboxMessage m : u.inbox()) {
                        g.writeStartObject();
                        g.writeStringProperty("from", m.from());
                        g.writeStringProperty("kind", m.kind());
                        g.writeName("content");
                        g.writeTree(m.content());
                        g.writeNumberProperty("sent_at", m.sentAt());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            return text.toString();
        }

        @Override
        public JsonNode decode(String text, String what) {
            return HostApi.parse(text, what);
        }
    };
}
