package org.polysim.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Messages waiting for delivery, in delivery order {@code (deliverTick, seq)}: one list per delivery tick, each kept
 * in send order. Sends arrive in increasing {@code seq}, so adding is an append and delivering a tick hands over a
 * whole list; a priority queue paid a logarithmic comparison chain per message (bench/README.md, chatter).
 */
final class MessageQueue {

    private final TreeMap<Long, List<Message>> byTick = new TreeMap<>();
    private int size;
    /**
     * The list of the tick last added to, and that tick: a tick's sends mostly share one delivery tick, and the
     * boxed key and tree lookup per message showed in the Java floor's profile.
     */
    private List<Message> lastList;
    private long lastTick;

    void add(Message m) {
        List<Message> list = lastList != null && lastTick == m.deliverTick() ? lastList
                : byTick.computeIfAbsent(m.deliverTick(), t -> new ArrayList<>());
        lastList = list;
        lastTick = m.deliverTick();
        int at = list.size();
        while (at > 0 && list.get(at - 1).seq() > m.seq()) {
            at--; // out of send order only when a rollback or a loaded file puts messages back
        }
        list.add(at, m);
        size++;
    }

    void addAll(Collection<Message> messages) {
        messages.forEach(this::add);
    }

    /** Removes and returns every message due at or before {@code tick}, in delivery order. */
    List<Message> pollDue(long tick) {
        lastList = null; // the list handed over may be the cached one
        List<Message> due = null;
        for (Map.Entry<Long, List<Message>> first; (first = byTick.firstEntry()) != null && first.getKey() <= tick; ) {
            List<Message> list = byTick.pollFirstEntry().getValue();
            if (due == null) {
                due = list; // usually the only one: handed over whole, not copied
            } else {
                due.addAll(list);
            }
        }
        if (due == null) {
            return new ArrayList<>();
        }
        size -= due.size();
        return due;
    }

    void removeIf(Predicate<Message> filter) {
        lastList = null;
        byTick.values().forEach(list -> list.removeIf(filter));
        byTick.values().removeIf(List::isEmpty);
        size = byTick.values().stream().mapToInt(List::size).sum();
    }

    int size() {
        return size;
    }

    /** A copy, in delivery order. */
    List<Message> toList() {
        List<Message> all = new ArrayList<>(size);
        byTick.values().forEach(all::addAll);
        return all;
    }
}
