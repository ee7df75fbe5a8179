package org.polysim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last few ticks of every entity, for "why did X do Y": what it received, its state before and after its
 * update, and what it did (commands, moves, takes, puts, destroys). Recording keeps references only, in arrays
 * indexed by update order (states are replaced, never changed in place, so a kept state stays as it was); it is on
 * by default up to 10k entities, so it must cost little per update. A tick's record is kept only when the tick
 * completes: a failed tick leaves no trace here, as anywhere else.
 */
final class Trace {

    /** What one entity did in one update. {@code actions} holds {@link Command}s and {@link Action}s, in order. */
    record Step(long tick, double time, List<Message> received, ObjectNode before, ObjectNode after,
                List<Object> actions) {
    }

    /** Something a script did at once, not as a command. */
    record Action(String what, String detail) {
    }

    /** One tick's updates, in update order. */
    private static final class TickLog {
        final long tick;
        final double time;
        int n;
        String[] who;
        ObjectNode[] before;
        ObjectNode[] after;
        Object[] received;
        /** Per update: null, one action, or an {@link ArrayList} of them. */
        Object[] actions;

        /**
         * Sized for the tick's updates ({@code live}; spawns' inits may add a few): grown from a small start, the
         * five arrays were copied eight times a tick at 10k entities, a sixth of the Java floor's time in a profile.
         */
        TickLog(long tick, double time, int live) {
            this.tick = tick;
            this.time = time;
            int size = Math.max(16, live + live / 16);
            who = new String[size];
            before = new ObjectNode[size];
            after = new ObjectNode[size];
            received = new Object[size];
            actions = new Object[size];
        }

        int add(Entity e) {
            if (n == who.length) {
                int size = n * 2;
                who = Arrays.copyOf(who, size);
                before = Arrays.copyOf(before, size);
                after = Arrays.copyOf(after, size);
                received = Arrays.copyOf(received, size);
                actions = Arrays.copyOf(actions, size);
            }
            who[n] = e.id;
            before[n] = e.state;
            received[n] = e.inbox.isEmpty() ? null : e.inbox.toArray();
            return n++;
        }

        @SuppressWarnings("unchecked")
        void act(int slot, Object action) {
            Object a = actions[slot];
            if (a == null) {
                actions[slot] = action;
            } else if (a instanceof Many many) {
                many.add(action);
            } else {
                Many many = new Many();
                many.add(a);
                many.add(action);
                actions[slot] = many;
            }
        }

        Step step(int i) {
            List<Message> in = new ArrayList<>();
            if (received[i] != null) {
                for (Object m : (Object[]) received[i]) {
                    in.add((Message) m);
                }
            }
            Object a = actions[i];
            List<Object> acts = a == null ? List.of() : a instanceof Many many ? many : List.of(a);
            return new Step(tick, time, in, before[i], after[i], acts);
        }
    }

    /** Several actions of one update (a type of its own, so a single action that is a list is not mistaken). */
    private static final class Many extends ArrayList<Object> {
    }

    private final ArrayDeque<TickLog> ticks = new ArrayDeque<>();
    private int keep;
    /** The tick in progress, while recording. */
    private TickLog current;

    /** Whether this tick is recorded: tracing is on and the world is small enough. */
    boolean begin(Limits limits, int live, long tick, double time) {
        keep = limits.traceTicks();
        current = keep > 0 && live <= limits.traceEntities() ? new TickLog(tick, time, live) : null;
        if (keep == 0) {
            ticks.clear();
        }
        return current != null;
    }

    /** Starts the record of {@code e}'s update; returns its slot for {@link #act} and {@link #end}. */
    int start(Entity e) {
        return current.add(e);
    }

    void act(int slot, Object action) {
        current.act(slot, action);
    }

    /** The update in {@code slot} ended: the entity's state after. */
    void end(int slot, Entity e) {
        current.after[slot] = e.state;
    }

    /** The tick completed: keep its records, drop the oldest beyond the limit. */
    void commit() {
        if (current != null) {
            ticks.addLast(current);
            while (ticks.size() > keep) {
                ticks.removeFirst();
            }
            current = null;
        }
    }

    void discard() {
        current = null;
    }

    /** {@code id}'s steps, oldest first. */
    List<Step> of(String id) {
        List<Step> out = new ArrayList<>();
        for (TickLog t : ticks) {
            for (int i = 0; i < t.n; i++) {
                if (t.who[i].equals(id)) {
                    out.add(t.step(i));
                    break;
                }
            }
        }
        return out;
    }

    /** Ticks kept, oldest first. */
    List<Long> kept() {
        return ticks.stream().map(t -> t.tick).toList();
    }

    /** An action as the reader sees it: {@code {do: send, to, kind, delay, content}}, {@code {do: move, detail}}... */
    static ObjectNode describe(Object action) {
        ObjectNode o = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        switch (action) {
            case Command.Send c -> o.put("do", "send").put("to", c.to()).put("kind", c.kind())
                    .put("delay", c.delayTicks()).set("content", c.content());
            case Command.Broadcast c -> o.put("do", "broadcast").put("kind", c.kind()).put("to", c.reach() != null
                    ? "within " + Numbers.exact(c.reach().radius()) : c.to().size() + " neighbours");
            case Command.Spawn c -> o.put("do", "spawn").put("id", c.id()).put("script", c.script())
                    .set("state", c.state());
            case Command.Destroy c -> o.put("do", "destroy").put("id", c.id()).put("when", "after updates");
            case Command.Metric c -> o.put("do", "metric").put("name", c.name()).put("value", c.value());
            case Command.Log c -> o.put("do", "log").put("text", c.text());
            case Action c -> o.put("do", c.what()).put("detail", c.detail());
            default -> throw new IllegalStateException("untraceable " + action);
        }
        return o;
    }
}
