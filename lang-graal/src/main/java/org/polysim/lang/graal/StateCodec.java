package org.polysim.lang.graal;

import tools.jackson.databind.JsonNode;

/**
 * How JSON values travel to and from a guest as text. JSON text suits JavaScript (its parser is native); Python's
 * {@code json} module is slow on GraalPy, so Python uses its {@code marshal} format instead.
 */
public interface StateCodec {

    String encode(JsonNode value);

    /** @throws IllegalArgumentException when the text is not a JSON value (the message says why) */
    JsonNode decode(String text, String what);

    /** JSON text. */
    StateCodec JSON = new StateCodec() {
        @Override
        public String encode(JsonNode value) {
            return HostApi.JSON.writeValueAsString(value);
        }

        @Override
        public JsonNode decode(String text, String what) {
            return HostApi.parse(text, what);
        }
    };
}
