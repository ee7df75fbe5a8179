package org.polysim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.polysim.engine.Message;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A benchmark workload: its world (one script {@code agent}, {@code n} entities {@code agent-1 … agent-n}) and the
 * number that checks a run: the sum of {@link #field} over all states plus the content of messages in flight. For
 * {@code wealth} and {@code chatter} that is a conservation law; for {@code compute} it is the same in every language
 * because the arithmetic is IEEE doubles in the same order.
 */
public enum Workload {
    /** Boltzmann wealth exchange by messages: every entity with wealth sends one unit to a random entity. */
    WEALTH("wealth", "{\"wealth\": 1}"),
    /** Arithmetic dominates: a logistic map iterated {@link #WORK} times per update. */
    COMPUTE("x", "{\"x\": 0.3, \"acc\": 0.0}"),
    /** Bus throughput: every entity sends {@link #FANOUT} small messages per tick and sums what it receives. */
    CHATTER("sum", "{\"sum\": 0}");

    /** Iterations of the arithmetic loop in {@code compute}; the native programs use the same constants. */
    public static final int WORK = 1000;
    /** Messages each entity sends per tick in {@code chatter}. */
    public static final int FANOUT = 10;

    static final JsonMapper JSON = JsonMapper.builder().build();

    final String field;
    private final String initialState;

    Workload(String field, String initialState) {
        this.field = field;
        this.initialState = initialState;
    }

    public String id() {
        return name().toLowerCase();
    }

    public static Workload of(String id) {
        return valueOf(id.toUpperCase());
    }

    /**
     * The world definition for {@code language} (lua, js, python, or java for the plain Java floor).
     *
     * @param scripts the folder holding {@code <workload>.<lua|js|py>}
     */
    public ObjectNode world(String language, int n, Path scripts) {
        ObjectNode w = JSON.createObjectNode();
        w.put("name", id() + "-" + language + "-" + n).put("seed", 42);
        w.putObject("params").put("n", n).put("work", WORK).put("fanout", FANOUT);
        if (Boolean.getBoolean("bench.notrace")) { // to measure what trace_entity's recording costs (bench/README)
            w.putObject("limits").put("trace_ticks", 0);
        }
        w.putObject("scripts").putObject("agent").put("language", language).put("source", source(language, scripts));
        w.putArray("entities").addObject().put("script", "agent").put("count", n).set("state", initialState());
        return w;
    }

    ObjectNode initialState() {
        return (ObjectNode) JSON.readTree(initialState);
    }

    private String source(String language, Path scripts) {
        if (language.equals("java")) {
            return id(); // JavaWorkloads reads the workload's name as its "source"
        }
        String ext = language.equals("python") ? "py" : language;
        try {
            return Files.readString(scripts.resolve(id() + "." + ext));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + language + " script of " + id(), e);
        }
    }

    /** The check number of a world: {@link #field} summed over states plus message contents in flight. */
    public double check(World world) {
        double sum = 0;
        for (String id : world.entityIds(null)) {
            sum += world.entityState(id).orElseThrow().path(field).asDouble();
        }
        List<Message> pending = world.pending();
        for (Message m : pending) {
            JsonNode c = m.content();
            sum += c.asDouble();
        }
        return sum;
    }
}
