package org.polysim.engine;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.polysim.engine.spi.ControllerProvider;

/** The languages on the class path, found once by {@link ServiceLoader}, by name and alias. */
final class Languages {

    /** Languages the design names; used to tell "not installed" from "unknown". */
    private static final Map<String, String> DESIGNED = Map.of("lua", "lua", "js", "js", "javascript", "js",
            "python", "python", "py", "python");

    private static volatile Languages installed;

    private final Map<String, ControllerProvider> byName = new LinkedHashMap<>();

    private Languages(Iterable<ControllerProvider> providers) {
        for (ControllerProvider p : providers) {
            byName.putIfAbsent(p.language(), p);
            p.aliases().forEach(a -> byName.putIfAbsent(a, p));
        }
    }

    static Languages installed() {
        Languages l = installed;
        if (l == null) {
            synchronized (Languages.class) {
                if (installed == null) {
                    installed = new Languages(ServiceLoader.load(ControllerProvider.class));
                }
                l = installed;
            }
        }
        return l;
    }

    /** The provider for {@code name}, or an error message naming what is available. */
    ControllerProvider find(String name, String where) {
        ControllerProvider p = byName.get(name.toLowerCase(java.util.Locale.ROOT));
        if (p != null) {
            return p;
        }
        String known = String.join(", ", new TreeSet<>(byName.keySet()));
        if (DESIGNED.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new WorldFileException(where, "language '" + name + "' is not installed in this build "
                    + "(available: " + known + ")");
        }
        throw new WorldFileException(where, "unknown language '" + name + "'; use one of: " + known);
    }

    /**
     * On a daemon thread: the {@link ControllerProvider#cheapExercise cheap exercises}; every provider's {@link
     * ControllerProvider#warmUp}, one after another, the longest first ({@link ControllerProvider#warmUpMillis});
     * then, if {@code exercise}, in the same order, every other {@link ControllerProvider#exerciseScript}. Each
     * exercise runs in a world of its own, a tick at a time while {@code idle} says so. Returns at once.
     *
     * <p>Short exercises of JavaScript and Python by default (50 ticks) were tried and left out: through a fresh
     * server asked 10 s after the handshake, JavaScript's first world took 3.0 to 3.8 s instead of 3.6 to 4.8 s,
     * Python's the same, and Lua's longer (0.8 to 1.0 s instead of 0.4 to 0.6 s): at that moment the exercises
     * and their compilations were still running beside it (bench/README.md, "A typical first model").
     */
    void warmUp(boolean exercise, BooleanSupplier idle) {
        List<ControllerProvider> order = new LinkedHashSet<>(byName.values()).stream()
                .sorted(Comparator.comparingLong(ControllerProvider::warmUpMillis).reversed()).toList();
        Thread.ofPlatform().daemon().name("polysim-warm-up").start(() -> {
            for (ControllerProvider p : order) {
                if (p.cheapExercise() && p.exerciseScript() != null && !exercise(p, idle)) {
                    return;
                }
            }
            order.forEach(p -> {
                try {
                    p.warmUp();
                } catch (RuntimeException | LinkageError e) { // a failed warm-up costs the first world time
                    System.err.println("polysim: warming up " + p.language() + " failed: " + e);
                }
            });
            if (!exercise) {
                return;
            }
            for (ControllerProvider p : order) {
                if (!p.cheapExercise() && p.exerciseScript() != null && !exercise(p, idle)) {
                    return;
                }
            }
        });
    }

    /** Entities of an exercise world, and its ticks: 20,000 updates, what a first small experiment runs. */
    static final int EXERCISE_ENTITIES = 100;
    static final int EXERCISE_TICKS = 200;

    /**
     * Runs {@code p}'s exercise script for {@link #EXERCISE_TICKS} ticks, each only while {@code idle}: a user's
     * call is never kept waiting by it, beyond the tick in progress. Returns false when interrupted.
     */
    private static boolean exercise(ControllerProvider p, BooleanSupplier idle) {
        tools.jackson.databind.node.ObjectNode definition = WorldFiles.JSON.createObjectNode()
                .put("name", "exercise-" + p.language()).put("seed", 1);
        definition.putObject("scripts").putObject("agent").put("language", p.language())
                .put("source", p.exerciseScript());
        definition.putArray("entities").addObject().put("script", "agent").put("count", EXERCISE_ENTITIES)
                .putObject("state").put("wealth", 1);
        try (World world = World.create(definition, null, "exercise")) {
            for (int t = 0; t < EXERCISE_TICKS; t++) {
                while (!idle.getAsBoolean()) {
                    Thread.sleep(50);
                }
                world.advance(1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (SimulationException | RuntimeException | LinkageError e) {
            System.err.println("polysim: exercising " + p.language() + " failed: " + e.getMessage());
            return true;
        }
    }

    /** Canonical language name to its runtime description. */
    java.util.Map<String, String> runtimes() {
        var out = new java.util.TreeMap<String, String>();
        byName.values().forEach(p -> out.put(p.language(), p.runtime()));
        return out;
    }

    /** Canonical names of the installed languages. */
    java.util.Set<String> canonical() {
        var out = new TreeSet<String>();
        byName.values().forEach(p -> out.add(p.language()));
        return out;
    }
}
