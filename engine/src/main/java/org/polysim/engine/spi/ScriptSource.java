package org.polysim.engine.spi;

import java.util.Objects;

/**
 * One entry of a world's script library.
 *
 * @param id       the library key, e.g. {@code trader}
 * @param language canonical language name
 * @param code     the source text
 * @param api      {@link #API_POLYSIM} ({@code update(e, inbox)}) or {@link #API_SEED} (the seed project's
 *                 {@code update(current_time, msgs)} with {@code self}/{@code world} globals)
 */
public record ScriptSource(String id, String language, String code, String api) {

    public static final String API_POLYSIM = "polysim";
    public static final String API_SEED = "seed";

    public ScriptSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(code, "code");
        if (!API_POLYSIM.equals(api) && !API_SEED.equals(api)) {
            throw new IllegalArgumentException("api must be 'polysim' or 'seed', got " + api);
        }
    }

    public boolean seedApi() {
        return API_SEED.equals(api);
    }
}
