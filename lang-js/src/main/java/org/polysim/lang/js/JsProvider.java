package org.polysim.lang.js;

import java.util.Set;
import org.polysim.lang.graal.GraalProvider;

/** Registers JavaScript with the engine ({@code META-INF/services}). */
public final class JsProvider extends GraalProvider {

    /** Coins passed around: the inbox, {@code entities}, {@code random}, {@code send}, {@code metric}, a state. */
    private static final String EXERCISE = """
            function update(e, inbox) {
              for (const m of inbox) if (m.kind === "coin") e.state.wealth += m.content;
              if (e.state.wealth > 0) {
                const others = e.entities("agent");
                e.state.wealth -= 1;
                e.send(others[e.random(0, others.length - 1)], "coin", 1);
              }
              e.metric("wealth", e.state.wealth);
            }
            """;

    public JsProvider() {
        super(JsLanguage.INSTANCE, Set.of("javascript"), 2000, "function update(e, inbox) {}\n", EXERCISE);
    }
}
