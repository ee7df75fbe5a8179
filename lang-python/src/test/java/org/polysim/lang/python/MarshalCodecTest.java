package org.polysim.lang.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The marshal codec round-trips every JSON value; integers within 64 bits stay exact. */
class MarshalCodecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyJsonValueRoundTrips() {
        JsonNode value = JSON.readTree("""
                {"s": "héllo ✓ 日本", "i": -17, "l": 1000000000000, "neg": -9000000000,
                 "max": 9223372036854775807, "min": -9223372036854775808,
                 "f": 2.5, "tiny": 1.0e-300, "t": true, "n": null, "a": [1, [2, {}], []], "o": {"x": {"y": "z"}}}
                """);
        String text = MarshalCodec.INSTANCE.encode(value);
        assertThat(MarshalCodec.INSTANCE.decode(text, "value")).isEqualTo(value);
    }

    @Test
    void notJsonIsRefusedWithTheReason() {
        String set = "<" + "\0\0\0\0";
        assertThatThrownBy(() -> MarshalCodec.INSTANCE.decode(set, "e.state")).hasMessageContaining("e.state")
                .hasMessageContaining("a set");
    }
}
