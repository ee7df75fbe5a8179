package org.polysim.engine;

/**
 * A script failed while the world was advancing, or while a world was being created. The world is exactly as at the
 * end of tick {@link #tick()} - 1 (or was not created). The message names world, tick, entity, script, language,
 * line and cause in words an author can act on.
 */
public class SimulationException extends Exception {

    private final String world;
    private final long tick;
    private final String entity;
    private final String script;
    private final String language;
    private final int line;
    private final String kind;
    private final String cause;
    private final long ticksCompleted;

    private final String consequence;

    /** @param consequence what this means for the world, e.g. "The world was not created." */
    SimulationException(String world, long tick, String entity, String script, String language, int line,
                        String kind, String cause, String consequence, long ticksCompleted) {
        super(describe(world, tick, entity, script, language, line, kind, cause) + " " + consequence);
        this.consequence = consequence;
        this.world = world;
        this.tick = tick;
        this.entity = entity;
        this.script = script;
        this.language = language;
        this.line = line;
        this.kind = kind;
        this.cause = cause;
        this.ticksCompleted = ticksCompleted;
    }

    private static String describe(String world, long tick, String entity, String script, String language, int line,
                                   String kind, String cause) {
        String where = "script '" + script + "' (" + language + (line > 0 ? ", line " + line : "") + ")";
        String what = switch (kind) {
            case "BUDGET" -> "exceeded its budget";
            case "TIMEOUT" -> "ran out of time";
            case "COMPILE" -> "does not compile";
            default -> "failed";
        };
        String who = entity.equals("-") ? "" : "entity '" + entity + "' ";
        String text = cause.endsWith(".") ? cause : cause + ".";
        return "world '" + world + "', tick " + tick + ": " + who + where + " " + what + ": " + text;
    }

    /** What a failed tick leaves behind. */
    static String tickRolledBack(long tick) {
        return "Nothing of tick " + tick + " was applied; the world is unchanged since the end of tick " + (tick - 1)
                + ".";
    }

    /** The same failure, noting how many ticks of the {@code advance} call completed before it. */
    SimulationException completed(long ticks) {
        return new SimulationException(world, tick, entity, script, language, line, kind, cause, consequence, ticks);
    }

    public String world() {
        return world;
    }

    /** The tick that failed (0 while creating the world). */
    public long tick() {
        return tick;
    }

    public String entity() {
        return entity;
    }

    public String script() {
        return script;
    }

    public String language() {
        return language;
    }

    /** 1-based line in the script, 0 when unknown. */
    public int line() {
        return line;
    }

    /** {@code ERROR}, {@code BUDGET}, {@code TIMEOUT} or {@code COMPILE}. */
    public String kind() {
        return kind;
    }

    /** The cause alone, without the location. */
    public String cause() {
        return cause;
    }

    /** Ticks that completed in the {@code advance} call before the failure. */
    public long ticksCompleted() {
        return ticksCompleted;
    }
}
