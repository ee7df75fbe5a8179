package org.polysim.mcp;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.spi.ControllerProvider;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's policy for readying languages before a user needs them: first the {@link
 * ControllerProvider#cheapExercise cheap exercises}; then every provider's {@link ControllerProvider#warmUp}, one
 * after another, the longest first ({@link ControllerProvider#warmUpMillis}); then, if asked, in the same order, every
 * other {@link ControllerProvider#exerciseScript}. Each exercise runs in a world of its own, a tick at a time while
 * {@code idle} says so, so a user's call never waits for it beyond the tick in progress.
 *
 * <p>Short exercises of JavaScript and Python by default (50 ticks) were tried and left out: through a fresh server
 * asked 10 s after the handshake, JavaScript's first world took 3.0 to 3.8 s instead of 3.6 to 4.8 s, Python's the
 * same, and Lua's longer (0.8 to 1.0 s instead of 0.4 to 0.6 s): at that moment the exercises and their compilations
 * were still running beside it (bench/README.md, "A typical first model").
 */
final class LanguageWarmUp {

    /** Entities of an exercise world, and its ticks: 20,000 updates, what a first small experiment runs. */
    static final int EXERCISE_ENTITIES = 100;
    static final int EXERCISE_TICKS = 200;

    private final boolean exercise;
    private final BooleanSupplier idle;
    private final Map<String, Integer> exercised = new ConcurrentHashMap<>();

    LanguageWarmUp(boolean exercise, BooleanSupplier idle) {
        this.exercise = exercise;
        this.idle = idle;
    }


    /** Ticks of each language's exercise run so far. */
    int exercisedTicks(String language) {
        return exercised.getOrDefault(language, 0);
    }

    /** Readies every installed language, on the calling thread (the server's daemon); returns when done. */
    void run() {
        List<ControllerProvider> order = World.languageProviders().stream()
                .sorted(Comparator.comparingLong(ControllerProvider::warmUpMillis).reversed()).toList();
        for (ControllerProvider p : order) {
            if (p.cheapExercise() && p.exerciseScript() != null && !exercise(p)) {
                return;
            }
        }
        for (ControllerProvider p : order) {
            try {
                p.warmUp();
            } catch (RuntimeException | LinkageError e) { // a failed warm-up costs the first world time
                System.err.println("polysim: warming up " + p.language() + " failed: " + e);
            }
        }
        if (exercise) {
            for (ControllerProvider p : order) {
                if (!p.cheapExercise() && p.exerciseScript() != null && !exercise(p)) {
                    return;
                }
            }
        }
    }

    /** Runs {@code p}'s exercise script for {@link #EXERCISE_TICKS} ticks; false when interrupted. */
    private boolean exercise(ControllerProvider p) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode()
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
                exercised.merge(p.language(), 1, Integer::sum);
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
}
