package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** How the sizes part weighs a response line and its parts (no server runs). */
class ResponseSizesTest {

    @Test
    void aLineIsWeighedWholeAndByItsTextStructuredContentAndImage() {
        String line = """
                {"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"a \\"b\\"\\n"},\
                {"type":"image","data":"iVBORw0K","mimeType":"image/png"}],"isError":false,\
                "structuredContent":{"b": [1, 2]}}}""";

        ObjectNode weights = ResponseSizes.weigh(line);

        assertThat(weights.path("line_bytes").asLong()).isEqualTo(line.length());
        assertThat(weights.path("text_bytes").asLong()).isEqualTo("a \"b\"\n".length());
        assertThat(weights.path("text_sent_bytes").asLong()).isEqualTo("\"a \\\"b\\\"\\n\"".length());
        assertThat(weights.path("structured_bytes").asLong()).isEqualTo("{\"b\":[1,2]}".length());
        assertThat(weights.path("image_base64_bytes").asLong()).isEqualTo(8);
    }

    @Test
    void aLineWithoutStructuredContentOrImageSaysSoByLeavingThemOut() {
        ObjectNode weights = ResponseSizes.weigh("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":"
                + "\"text\",\"text\":\"é\"}]}}");

        assertThat(weights.path("text_bytes").asLong()).isEqualTo(2); // UTF-8 bytes, not characters
        assertThat(weights.has("structured_bytes")).isFalse();
        assertThat(weights.has("image_base64_bytes")).isFalse();
    }
}
