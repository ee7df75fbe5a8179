package org.polysim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one world is made of: its settings, its script library, the {@link Part}s a failed tick puts back (clock,
 * population, mail, space, layers, network) and the records a completed change appends to (metrics, log, recent deliveries,
 * trace). A change and the entity calls inside it work on these; the world is the public, locked face over them and
 * the only one that begins a change. Nothing here knows a change, a tick or the world's public types.
 */
final class WorldParts {

    final String name;
    final long seed;
    final double dt;
    final boolean randomSchedule;
    final Limits limits;
    /** Replaced whole between ticks (set_params); scripts only read it. */
    ObjectNode params;
    final Map<String, Script> scripts = new LinkedHashMap<>();
    final Clock clock;
    final Population population;
    final Mail mail;
    /** Null in a world without space. */
    final Space space;
    /** Null in a world without layers. */
    final Layers layers;
    /** Empty until a file declares a network or a script links two entities. */
    final Network network;
    /** What a change begins and a failed one rolls back, oldest first. */
    final List<Part> parts;
    // written only when a change commits, so nothing to roll back
    final MetricStore metrics;
    final WorldLog log;
    final ArrayDeque<Message> delivered = new ArrayDeque<>();
    final Trace trace = new Trace();
    Map<String, Double> lastTickMetrics = Map.of();
    /** Tick, time and size as of the last completed change, and how many changes completed; read without a lock. */
    record Published(long tick, double time, int entities, long version) {
    }

    private volatile Published published = new Published(0, 0, 0, 0);
    private volatile Entity callingEntity;
    private volatile long callsBegun; // one writer (the thread in a change), so ++ is safe; watchers only read

    WorldParts(Definition d) {
        this.name = d.name();
        this.seed = d.seed();
        this.dt = d.dt();
        this.params = d.params();
        this.randomSchedule = d.randomSchedule();
        this.limits = d.limits();
        this.clock = new Clock(dt, seed, d.clock());
        this.population = new Population(d.population().counters(), d.space() == null ? 0 : d.space().axes());
        this.mail = new Mail(dt, d.space() == null ? 0 : d.space().axes(), d.mail());
        this.space = d.space() == null ? null : Space.of(d.space());
        this.layers = d.layers().isEmpty() ? null : new Layers(d.space());
        d.layers().forEach((n, l) -> layers.add(n, l.spec(), l.values()));
        List<Part> all = new ArrayList<>(List.of(clock, population, mail));
        if (space != null) {
            all.add(space);
        }
        if (layers != null) {
            all.add(layers);
        }
        this.network = new Network(d.network(), population, limits.maxLinks());
        all.add(network);
        this.parts = List.copyOf(all);
        this.log = new WorldLog(limits.logLines());
        this.metrics = new MetricStore(d.metrics());
    }

    double time() {
        return clock.time();
    }

    /** A fresh generated id, {@code <script>-<k>}. */
    String nextId(String script) {
        return Population.nextId(script, population.counters, population::contains);
    }

    /** Live entity counts per script, in library order. */
    Map<String, Integer> countsByScript() {
        Map<String, Integer> out = new LinkedHashMap<>();
        scripts.keySet().forEach(s -> out.put(s, 0));
        for (Entity e : population.liveInOrder()) {
            out.merge(e.script.id(), 1, Integer::sum);
        }
        return out;
    }

    /** The error for a missing entity, naming the known ones. */
    String unknownEntity(String id) {
        List<String> ids = population.ids(null);
        String known = ids.size() <= 20 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 20)) + ", ... (" + ids.size() + " in all)";
        return "no entity '" + id + "' in world '" + name + "' (entities: " + (ids.isEmpty() ? "none" : known) + ")";
    }

    /** The error for a missing script, naming the library's scripts. */
    String unknownScript(String id) {
        return "no script '" + id + "' in world '" + name + "' (scripts: " + String.join(", ", scripts.keySet())
                + ")";
    }

    // ---------------------------------------------------------------- what a watcher on another thread reads

    /** Marks the start of a script call for {@code entity}, or the end of calls ({@code null}); one writer. */
    void calling(Entity entity) {
        callingEntity = entity;
        if (entity != null) {
            callsBegun++;
        }
    }

    /** The entity whose script runs now, or null between calls. */
    Entity callingEntity() {
        return callingEntity;
    }

    /** How many script calls have begun. */
    long callsBegun() {
        return callsBegun;
    }

    /** A change completed (a tick, a spawn, a removal, an edit): what watchers read moves on. */
    void publish() {
        published = new Published(clock.tick, clock.time(), population.live(), published.version() + 1);
    }

    Published published() {
        return published;
    }
}
