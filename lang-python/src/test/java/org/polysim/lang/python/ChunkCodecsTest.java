package org.polysim.lang.python;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.polysim.lang.graal.StateCodec;
import tools.jackson.databind.json.JsonMapper;

/** A run's chunk, written straight to text without a tree, reads back as the tree it stands for, in both codecs. */
class ChunkCodecsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void marshalChunksReadBackAsTheirTrees() {
        assertReadsBack(MarshalCodec.INSTANCE);
    }

    @Test
    void jsonChunksReadBackAsTheirTrees() {
        assertReadsBack(StateCodec.JSON);
    }

    private static void assertReadsBack(StateCodec codec) {
        assertThat(codec.decode(codec.encodeChunk(Chunks.ENTITIES, Chunks::held, true), "chunk"))
                .isEqualTo(JSON.readTree(Chunks.WITH_INBOXES));
        assertThat(codec.decode(codec.encodeChunk(Chunks.ENTITIES, Chunks::held, false), "chunk"))
                .isEqualTo(JSON.readTree(Chunks.WITHOUT_INBOXES));
    }
}
