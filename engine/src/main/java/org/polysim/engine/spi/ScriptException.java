package org.polysim.engine.spi;

/** A script failed: raised by a controller, reported by the engine with world, tick and entity added. */
public class ScriptException extends Exception {

    /** Why a script stopped. */
    public enum Kind {
        /** the source does not compile */
        COMPILE,
        /** the script raised an error or misused the API */
        ERROR,
        /** the instruction budget (or call depth, memory, string size cap) was exceeded */
        BUDGET,
        /** the wall-clock budget was exceeded */
        TIMEOUT
    }

    private final Kind kind;
    private final int line;

    /** @param line 1-based source line, or 0 when unknown */
    public ScriptException(Kind kind, String message, int line) {
        super(message);
        this.kind = kind;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }
}
