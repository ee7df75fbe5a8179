package org.polysim.lang.python;

import java.util.List;
import org.polysim.engine.spi.InboxMessage;
import org.polysim.engine.spi.Turns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Two entities of a run's chunk: one whose state the guest holds, one with a state and two messages. */
final class Chunks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Message(String from, String kind, JsonNode content, double sentAt) implements InboxMessage {
    }

    static final List<Turns.Upcoming> ENTITIES = List.of(
            new Turns.Upcoming("a-1", (ObjectNode) JSON.readTree("{\"x\": 1}"), List.of()),
            new Turns.Upcoming("a-2", (ObjectNode) JSON.readTree("{\"w\": 2.5, \"l\": [1, \"é\"]}"), List.of(
                    new Message("a-1", "coin", JSON.readTree("1"), 3.0),
                    new Message("b", "", JSON.readTree("{\"k\": [null, true]}"), 2.0))));

    static final String WITH_INBOXES = """
            [["a-1", null, []], ["a-2", {"w": 2.5, "l": [1, "é"]},
              [{"from": "a-1", "kind": "coin", "content": 1, "sent_at": 3.0},
               {"from": "b", "kind": "", "content": {"k": [null, true]}, "sent_at": 2.0}]]]
            """;
    static final String WITHOUT_INBOXES = """
            [["a-1", null, null], ["a-2", {"w": 2.5, "l": [1, "é"]}, null]]
            """;

    /** The guest holds a-1's state. */
    static boolean held(Turns.Upcoming u) {
        return u.id().equals("a-1");
    }

    private Chunks() {
    }
}
