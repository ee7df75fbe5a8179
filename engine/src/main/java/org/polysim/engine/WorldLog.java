package org.polysim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The world's log: the newest {@code capacity} lines. Not part of snapshots (it never affects evolution). */
final class WorldLog {

    private final Deque<LogLine> lines = new ArrayDeque<>();
    private final int capacity;
    private long written;

    WorldLog(int capacity) {
        this.capacity = capacity;
    }

    void add(LogLine line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        written++;
    }

    /** The last {@code tail} lines, of one entity when {@code entity} is not null. */
    List<LogLine> tail(String entity, int tail) {
        List<LogLine> out = new ArrayList<>();
        var it = lines.descendingIterator();
        while (it.hasNext() && out.size() < tail) {
            LogLine line = it.next();
            if (entity == null || entity.equals(line.entity())) {
                out.add(line);
            }
        }
        return out.reversed();
    }

    long written() {
        return written;
    }
}
