package org.polysim.lang.python;

import org.graalvm.polyglot.SandboxPolicy;
import org.polysim.lang.graal.GuestLanguage;
import org.polysim.lang.graal.StateCodec;

/** GraalPy specifics. */
final class PythonLanguage extends GuestLanguage {

    static final PythonLanguage INSTANCE = new PythonLanguage();

    private PythonLanguage() {
        super("python", ".py", SandboxPolicy.CONSTRAINED, "prelude.py");
    }

    @Override
    protected StateCodec codec() {
        return MarshalCodec.INSTANCE;
    }

    @Override
    protected boolean integralDoubles() {
        return false; // 2.0 is a float in Python, and marshal keeps it one
    }
}
