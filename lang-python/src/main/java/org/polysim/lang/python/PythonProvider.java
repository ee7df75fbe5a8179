package org.polysim.lang.python;

import java.util.Set;
import org.polysim.lang.graal.GraalProvider;

/** Registers Python with the engine ({@code META-INF/services}). */
public final class PythonProvider extends GraalProvider {

    /** Coins passed around: the inbox, {@code entities}, {@code random}, {@code send}, {@code metric}, a state. */
    private static final String EXERCISE = """
            def update(e, inbox):
                for m in inbox:
                    if m.kind == "coin":
                        e.state["wealth"] += m["content"]
                if e.state["wealth"] > 0:
                    others = e.entities("agent")
                    e.state["wealth"] -= 1
                    e.send(others[e.random(0, len(others) - 1)], "coin", 1)
                e.metric("wealth", e.state["wealth"])
            """;

    public PythonProvider() {
        super(PythonLanguage.INSTANCE, Set.of("py"), 6000, "def update(e, inbox):\n    pass\n", EXERCISE);
    }
}
