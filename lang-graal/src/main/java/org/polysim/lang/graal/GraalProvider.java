package org.polysim.lang.graal;

import java.util.Objects;
import java.util.Set;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;

/**
 * A GraalVM language registered with the engine: each language module's provider is this with its own
 * {@link GuestLanguage}, names and scripts, and a public no-argument constructor for {@code META-INF/services}.
 */
public abstract class GraalProvider implements ControllerProvider {

    private final GuestLanguage language;
    private final Set<String> aliases;
    private final long warmUpMillis;
    private final String emptyScript;
    private final String exerciseScript;

    /**
     * @param language        the guest language
     * @param aliases         other names a world file may give it
     * @param warmUpMillis    how long the first context of a cold engine takes (measured on two cores)
     * @param emptyScript     a script whose update does nothing: the warm-up compiles it
     * @param exerciseScript  the idle-time exercise ({@link ControllerProvider#exerciseScript})
     */
    protected GraalProvider(GuestLanguage language, Set<String> aliases, long warmUpMillis, String emptyScript,
                            String exerciseScript) {
        this.language = Objects.requireNonNull(language);
        this.aliases = Set.copyOf(aliases);
        this.warmUpMillis = warmUpMillis;
        this.emptyScript = emptyScript;
        this.exerciseScript = exerciseScript;
    }

    @Override
    public final String language() {
        return language.id();
    }

    @Override
    public final Set<String> aliases() {
        return aliases;
    }

    @Override
    public final String runtime() {
        return language.runtime();
    }

    @Override
    public final long warmUpMillis() {
        return warmUpMillis;
    }

    @Override
    public final void warmUp() {
        GraalController.warmUp(language, emptyScript);
    }

    @Override
    public final String exerciseScript() {
        return exerciseScript;
    }

    @Override
    public final Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        return new GraalController(language, source, limits);
    }
}
