package org.polysim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last few ticks of every entity, for "why did X do Y": what it received, its state before and after its
 * update, and what it did (commands, moves, takes, puts, destroys). Recording keeps references only (states are
 * replaced, never changed in place, so a kept state stays as it was), and a tick's record is kept only when the
 * tick completes: a failed tick leaves no trace here, as anywhere else.
 */
final class Trace {

    /** What one entity did in one update. {@code actions} holds {@link Command}s and {@link Action}s, in order. */
    record Step(long tick, double time, List<Message> received, ObjectNode before, ObjectNode after,
                List<Object> actions) {
    }

    /** Something a script did at once, not as a command. */
    record Action(String what, String detail) {
    }

    private final ArrayDeque<Map<String, Step>> ticks = new ArrayDeque<>();
    private int keep;

    /** The tick in progress, while recording. */
    private Map<String, Step> current;

    /** Whether this tick is recorded: tracing is on and the world is small enough. */
    boolean begin(Limits limits, int live) {
        keep = limits.traceTicks();
        current = keep > 0 && live <= limits.traceEntities() ? new HashMap<>() : null;
        if (current == null && keep == 0) {
            ticks.clear();
        }
        return current != null;
    }

    boolean recording() {
        return current != null;
    }

    /** Starts the record of {@code e}'s update; returns its action list for the call to add to. */
    List<Object> start(Entity e, long tick, double time) {
        List<Object> actions = new ArrayList<>(4);
        current.put(e.id, new Step(tick, time, e.inbox.isEmpty() ? List.of() : List.copyOf(e.inbox), e.state, null,
                actions));
        return actions;
    }

    /** The update of {@code e} ended: its state after. */
    void end(Entity e) {
        Step s = current.get(e.id);
        current.put(e.id, new Step(s.tick(), s.time(), s.received(), s.before(), e.state, s.actions()));
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
        for (Map<String, Step> t : ticks) {
            Step s = t.get(id);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** An action as the reader sees it: {@code {do: send, to, kind, delay, content}}, {@code {do: move, detail}}... */
    static ObjectNode describe(Object action) {
        ObjectNode o = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        switch (action) {
            case Command.Send c -> o.put("do", "send").put("to", c.to()).put("kind", c.kind())
                    .put("delay", c.delayTicks()).set("content", c.content());
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

    /** Ticks kept, oldest first (their numbers). */
    List<Long> kept() {
        List<Long> out = new ArrayList<>();
        for (Map<String, Step> t : ticks) {
            t.values().stream().findAny().ifPresent(s -> out.add(s.tick()));
        }
        return out;
    }
}
