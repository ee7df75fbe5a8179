package org.polysim.engine.spi;

import java.util.Objects;

/**
 * One entry of a world's script library.
 *
 * @param id       the library key, e.g. {@code trader}
 * @param language canonical language name
 * @param code     the source text
 * @param api      {@link #API_POLYSIM} ({@code update(e, inbox)}) or {@link #API_VIVARIUM} (the API of
 *                 vivarium, the seed project: {@code update(current_time, msgs)} with {@code self}/{@code world}
 *                 globals; "vivarium", not "seed", since a world's seed is its random seed)
 */
public record ScriptSource(String id, String language, String code, String api) {

    public static final String API_POLYSIM = "polysim";
    public static final String API_VIVARIUM = "vivarium";

    public ScriptSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(code, "code");
        if (!API_POLYSIM.equals(api) && !API_VIVARIUM.equals(api)) {
            throw new IllegalArgumentException("api must be 'polysim' or 'vivarium', got " + api);
        }
    }

    public boolean vivariumApi() {
        return API_VIVARIUM.equals(api);
    }
}
