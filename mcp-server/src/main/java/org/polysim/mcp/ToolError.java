package org.polysim.mcp;

/** A tool call that cannot be done as asked; the message says what to change. Becomes an {@code isError} result. */
final class ToolError extends RuntimeException {

    ToolError(String message) {
        super(message, null, false, false);
    }
}
