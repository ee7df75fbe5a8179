package org.polysim.lang.python;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.polysim.lang.graal.GuestLanguage;

/** GraalPy specifics. */
final class PythonLanguage extends GuestLanguage {

    static final PythonLanguage INSTANCE = new PythonLanguage();

    private static final class Shared {
        static final Engine ENGINE = newEngine("python", SandboxPolicy.CONSTRAINED);
    }

    private final String prelude = resource(PythonLanguage.class, "prelude.py");

    @Override
    public String id() {
        return "python";
    }

    @Override
    public Engine engine() {
        return Shared.ENGINE;
    }

    @Override
    protected String prelude() {
        return prelude;
    }

    @Override
    protected String fileName(String scriptId) {
        return scriptId + ".py";
    }
}
