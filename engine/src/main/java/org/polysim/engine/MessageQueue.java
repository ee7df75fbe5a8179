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

    void add(Message m) {
        List<Message> list = byTick.computeIfAbsent(m.deliverTick(), t -> new ArrayList<>());
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
        List<Message> due = new ArrayList<>();
        for (Map.Entry<Long, List<Message>> first; (first = byTick.firstEntry()) != null && first.getKey() <= tick; ) {
            due.addAll(byTick.pollFirstEntry().getValue());
        }
        size -= due.size();
        return due;
    }

    void removeIf(Predicate<Message> filter) {
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
