package org.polysim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three models of the ABMFrameworksComparison benchmark (each model's DECLARATION.md in
 * github.com/JuliaDynamics/ABMFrameworksComparison), as world files {@code bench/workloads/<model>-<size>.yaml}
 * whose scripts are one file per language, {@code <model>.<lua|js|py>}. A run is a fresh world stepped
 * {@link #steps} ticks, the declared count of the comparison's runners; its check values say whether the outcome is
 * the model's (the implementations draw different random numbers, so they agree in distribution, not bit for bit).
 */
public enum SpatialModel {
    /** Segregation on a bounded grid, one agent per cell: neighbour counts and moves to free cells. */
    SCHELLING(20),
    /** Predator and prey on a bounded grid with grass as a layer: two kinds of agents, births and deaths. */
    WOLFSHEEP(100),
    /** Boids on a continuous torus: Euclidean neighbour queries and reading the neighbours' velocities. */
    FLOCKING(100);

    public static final List<String> SIZES = List.of("small", "large");

    /** Ticks of one run. */
    public final int steps;

    SpatialModel(int steps) {
        this.steps = steps;
    }

    public String id() {
        return name().toLowerCase();
    }

    /** The model of that name, or null when it is not one (a ticks workload, say). */
    public static SpatialModel ofOrNull(String id) {
        for (SpatialModel m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** The world file as written, scripts still naming their Lua files. */
    public ObjectNode file(String size, Path scripts) {
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("model sizes are small and large, not " + size);
        }
        return WorldFiles.definition(WorldFiles.read(scripts.resolve(id() + "-" + size + ".yaml")));
    }

    /**
     * The world for {@code language} (lua, js, python; java for the plain Java floor, whose "source" is the model's
     * name): every script's file replaced by the source of {@code <model>.<ext>}, and the seed of this run.
     */
    public ObjectNode world(String language, String size, Path scripts, long seed) {
        ObjectNode w = file(size, scripts);
        w.put("seed", seed);
        String source = source(language, scripts);
        for (Map.Entry<String, JsonNode> script : w.path("scripts").properties()) {
            ObjectNode s = (ObjectNode) script.getValue();
            s.remove("file");
            s.put("language", language).put("source", source);
        }
        return w;
    }

    /** Agents at the start: every entity of the file but the meadow (WolfSheep's grass setter, gone after tick 1). */
    public int agents(String size, Path scripts) {
        int n = 0;
        for (JsonNode group : file(size, scripts).path("entities")) {
            if (!group.path("script").asString().equals("meadow")) {
                n += group.path("count").asInt(1);
            }
        }
        return n;
    }

    private String source(String language, Path scripts) {
        if (language.equals("java")) {
            return id();
        }
        String ext = language.equals("python") ? "py" : language;
        try {
            return Files.readString(scripts.resolve(id() + "." + ext));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + language + " script of " + id(), e);
        }
    }

    /**
     * The check values at the end of a run, the same names as the native programs print: Schelling the fraction of
     * agents happy, WolfSheep the sheep and wolves alive (the grass count needs a layer read the harness does not
     * have), Flocking the polarisation (length of the mean unit velocity).
     */
    public ObjectNode check(World world) {
        ObjectNode c = Workload.JSON.createObjectNode();
        switch (this) {
            case SCHELLING -> {
                List<String> ids = world.entityIds(null);
                long happy = ids.stream().filter(id -> world.entityState(id).orElseThrow().path("happy")
                        .asBoolean(false)).count();
                c.put("happy", happy / (double) ids.size());
            }
            case WOLFSHEEP -> c.put("sheep", world.entityIds("sheep").size())
                    .put("wolves", world.entityIds("wolf").size());
            case FLOCKING -> {
                double sx = 0;
                double sy = 0;
                List<String> ids = world.entityIds(null);
                for (String id : ids) {
                    ObjectNode s = world.entityState(id).orElseThrow();
                    sx += s.path("vx").asDouble();
                    sy += s.path("vy").asDouble();
                }
                c.put("polarisation", Math.hypot(sx, sy) / ids.size());
            }
        }
        return c;
    }
}
