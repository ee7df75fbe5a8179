package org.polysim.lang.js;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.polysim.engine.spi.CallLimits;
import org.polysim.lang.graal.GuestLanguage;

/** GraalJS specifics. */
final class JsLanguage extends GuestLanguage {

    /** How GraalJS reports a write to the frozen global object (the object itself is printed in full after it). */
    private static final Pattern GLOBAL_WRITE = Pattern.compile(
            "^TypeError: Cannot assign to read only property '([^']+)' of global|^TypeError: Cannot add property "
                    + "([^,]+), object is not extensible");

    /** Where GraalJS starts a further syntax error in one message: "\nname.js:4:0 Expected eof but found }". */
    /**
     * A member called on the entity that is not a function: only through the names the documentation and the
     * usual scripts give the entity (the receiver's name is all the message says of it).
     */
    private static final Pattern NOT_A_FUNCTION = Pattern.compile(
            "^TypeError: (?:e|entity|agent|self|me)\\.(\\w+) is not a function");
    private static final Pattern FURTHER_SYNTAX_ERROR = Pattern.compile("\\n\\S+\\.js:\\d+:\\d+ ");

    static final JsLanguage INSTANCE = new JsLanguage();

    private JsLanguage() {
        // TRUSTED with every access denied explicitly (GraalController): CONSTRAINED forbids string-length-limit
        super("js", ".js", SandboxPolicy.TRUSTED, "prelude.js");
    }

    @Override
    protected void configure(Context.Builder builder, CallLimits limits) {
        builder.allowExperimentalOptions(true)
                .option("js.strict", "true")
                .option("js.load", "false")
                .option("js.java-package-globals", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.string-length-limit", Integer.toString(limits.stringBytes()));
    }

    @Override
    protected String prepare(String code) {
        return TopLevelLet.rewrite(code); // so that the frozen global object covers top-level let too
    }

    @Override
    protected void afterLoad(Context context) {
        context.eval("js", "Object.freeze(globalThis)");
    }

    /**
     * The first syntax error only: GraalJS goes on parsing and lists what the first error caused too (an unclosed
     * parenthesis on line 2 brings "Expected eof but found }" on line 4), naming lines where nothing is wrong.
     */
    @Override
    protected SyntaxError syntaxError(PolyglotException e, String code, int line, int column) {
        String message = explain(e);
        Matcher further = FURTHER_SYNTAX_ERROR.matcher(message);
        return new SyntaxError(further.find() ? message.substring(0, further.start()) : message, line);
    }

    @Override
    protected String explain(PolyglotException e) {
        String m = e.getMessage() == null ? "error" : e.getMessage();
        Matcher global = GLOBAL_WRITE.matcher(m);
        if (global.find()) {
            String name = global.group(1) != null ? global.group(1) : global.group(2);
            return "assigned global '" + name + "' inside init/update; top-level variables (var, let) are shared "
                    + "by every entity of this script and are not saved in snapshots: keep per-entity data in "
                    + "e.state (e.state." + name + " = ...) or declare it with let/const inside the function";
        }
        Matcher notFunction = NOT_A_FUNCTION.matcher(m);
        if (notFunction.find()) {
            return m + entityAdvice(notFunction.group(1), true);
        }
        if (m.startsWith("RangeError: Invalid string length")) {
            return m + " (strings are capped at limits.string_bytes)";
        }
        return m;
    }
}
