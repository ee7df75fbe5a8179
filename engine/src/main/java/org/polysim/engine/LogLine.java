package org.polysim.engine;

import java.util.Locale;

/**
 * A line of a world's log.
 *
 * @param seq        position in the world's log since it was created (a cursor for paging back)
 * @param entity     the entity that wrote it; empty for lines written by the engine
 * @param rolledBack written during a tick that failed and was rolled back: evidence for debugging, not history
 */
public record LogLine(long seq, long tick, double time, String entity, Kind kind, boolean rolledBack, String text) {

    /** What wrote a line, so a reader can keep a script's prints apart from thousands of engine notices. */
    public enum Kind {
        /** {@code print}, {@code e.log}, {@code console.log}: what a script wrote. */
        OUTPUT,
        /** A message dropped because its recipient did not exist at delivery. */
        DROPPED,
        /** Everything else the engine says: failed and rolled-back ticks. */
        ENGINE;

        /** The name tools use ({@code output}, {@code dropped}, {@code engine}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    LogLine(long tick, double time, String entity, Kind kind, String text) {
        this(-1, tick, time, entity, kind, false, text);
    }

    LogLine withSeq(long n) {
        return new LogLine(n, tick, time, entity, kind, rolledBack, text);
    }

    LogLine markRolledBack() {
        return new LogLine(seq, tick, time, entity, kind, true, text);
    }

    @Override
    public String toString() {
        return "[t=" + Numbers.exact(time) + (entity.isEmpty() ? "" : " " + entity)
                + (rolledBack ? ", rolled back" : "") + "] " + text;
    }
}
