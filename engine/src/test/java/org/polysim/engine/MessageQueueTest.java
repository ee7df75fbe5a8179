package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;

class MessageQueueTest {

    private static Message message(long seq, long tick) {
        return new Message(seq, "a", "b", "k", IntNode.valueOf((int) seq), 0, tick);
    }

    @Test
    void deliversInTickThenSendOrderWhateverTheOrderOfAdding() {
        List<Message> all = new ArrayList<>();
        for (int seq = 0; seq < 60; seq++) {
            all.add(message(seq, 1 + seq % 4));
        }
        List<Message> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7)); // as a loaded file or a rollback may put them back
        MessageQueue q = new MessageQueue();
        q.addAll(shuffled);

        List<Message> expected = new ArrayList<>(all);
        expected.sort((x, y) -> x.deliverTick() != y.deliverTick() ? Long.compare(x.deliverTick(), y.deliverTick())
                : Long.compare(x.seq(), y.seq()));
        assertThat(q.toList()).containsExactlyElementsOf(expected);
        assertThat(q.pollDue(2)).containsExactlyElementsOf(expected.subList(0, 30));
        assertThat(q.size()).isEqualTo(30);
        q.removeIf(m -> m.seq() % 2 == 0);
        assertThat(q.size()).isEqualTo(15);
        assertThat(q.pollDue(10)).allMatch(m -> m.seq() % 2 == 1 && m.deliverTick() > 2).hasSize(15);
        assertThat(q.size()).isZero();
        assertThat(q.toList()).isEmpty();
    }
}
