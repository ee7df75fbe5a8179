package org.polysim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

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
        lines.addLast(line.withSeq(written++));
    }

    /**
     * The newest {@code tail} lines that match, oldest first.
     *
     * @param entity lines of this entity only, when not null
     * @param kinds  lines of these kinds only, when not null
     * @param before lines written before this sequence number only (paging back), when >= 0
     */
    List<LogLine> tail(String entity, Set<LogLine.Kind> kinds, long before, int tail) {
        List<LogLine> out = new ArrayList<>();
        var it = lines.descendingIterator();
        while (it.hasNext() && out.size() < tail) {
            LogLine line = it.next();
            if ((before < 0 || line.seq() < before) && (entity == null || entity.equals(line.entity()))
                    && (kinds == null || kinds.contains(line.kind()))) {
                out.add(line);
            }
        }
        return out.reversed();
    }
}
