package org.polysim.engine;

/** A line of a world's log; {@code entity} is empty for lines written by the engine. */
public record LogLine(long tick, double time, String entity, String text) {

    @Override
    public String toString() {
        return "[t=" + Numbers.format(time) + (entity.isEmpty() ? "" : " " + entity) + "] " + text;
    }
}
