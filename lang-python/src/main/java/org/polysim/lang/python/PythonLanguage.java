package org.polysim.lang.python;

import org.graalvm.polyglot.PolyglotException;
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

    /** An attribute the entity lacks, read or set ({@code e.position}, {@code e.energy = 3}). */
    private static final java.util.regex.Pattern NO_ATTRIBUTE = java.util.regex.Pattern.compile(
            "^AttributeError: 'Entity' object has no attribute '(\\w+)'");

    @Override
    protected String explain(PolyglotException e) {
        String m = super.explain(e);
        java.util.regex.Matcher missing = NO_ATTRIBUTE.matcher(m);
        return missing.find() ? m + entityAdvice(missing.group(1), false) : m;
    }

    /**
     * The two syntax errors GraalPy places elsewhere than CPython (see {@link LogicalLines}) move to CPython's line,
     * in the message's "(name.py, line N)" too; every other error is where GraalPy puts it, which is CPython's line.
     */
    @Override
    protected SyntaxError syntaxError(PolyglotException e, String code, int line, int column) {
        String message = explain(e);
        int written = line;
        if (message.startsWith("IndentationError: unexpected indent")) {
            written = LogicalLines.unexpectedIndent(LogicalLines.of(code));
        } else if (message.startsWith("SyntaxError: expected ':'")) {
            written = LogicalLines.headerMissingColon(LogicalLines.of(code), line, column);
        }
        if (written <= 0 || written == line) {
            return new SyntaxError(message, line);
        }
        return new SyntaxError(message.replace(", line " + line + ")", ", line " + written + ")"), written);
    }
}
