package org.polysim.engine.spi;

import java.util.Objects;

/**
 * One entry of a world's script library.
 *
 * @param id       the library key, e.g. {@code trader}
 * @param language canonical language name
 * @param code     the source text
 * @param api      which of its language's APIs the script is written against ({@link ControllerProvider#apis}):
 *                 {@link #API_POLYSIM}, {@code update(e, inbox)}, unless a language offers another
 */
public record ScriptSource(String id, String language, String code, String api) {

    /** The entity API every language offers (DESIGN.md "Scripts"). */
    public static final String API_POLYSIM = "polysim";

    public ScriptSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(api, "api");
    }
}
