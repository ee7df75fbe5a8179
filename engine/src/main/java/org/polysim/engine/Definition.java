package org.polysim.engine;

import java.util.List;
import java.util.Map;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated world definition: what a world file says, with generated ids resolved and scripts inlined; each part's
 * share as that part reads it ({@link Clock.Saved}, {@link Population.Saved}, {@link Mail.Saved}).
 *
 * @param space  null for a world without space
 * @param layers  empty without layers (only a grid has them)
 * @param network null for a world without a declared network
 */
record Definition(String name, long seed, double dt, ObjectNode params, boolean randomSchedule, Limits limits,
                  Map<String, ScriptSource> scripts, SpaceSpec space, Map<String, LayerDef> layers, Clock.Saved clock,
                  Population.Saved population, Mail.Saved mail, Map<String, SeriesDef> metrics,
                  NetworkSpec network) {

    /** The same definition under another name, seed and params. */
    Definition with(String newName, long newSeed, ObjectNode newParams) {
        return new Definition(newName, newSeed, dt, newParams, randomSchedule, limits, scripts, space, layers, clock,
                population, mail, metrics, network);
    }

    /** Whether this is a snapshot (its entities come back as they were) rather than a fresh world. */
    boolean snapshot() {
        return clock.tick() != null;
    }

    List<EntityDef> entities() {
        return population.entities();
    }

    /**
     * @param rng null for a new entity (its stream is derived from seed and id)
     * @param at  where it starts in the space ({@link Space.Placement#NONE} without one)
     */
    record EntityDef(String id, String script, ObjectNode state, Long rng, Space.Placement at) {
    }

    /** @param missing what a tick without a value means, or null (DESIGN.md "One tick", step 5) */
    record SeriesDef(long[] ticks, double[] values, Double missing) {
    }

    /** @param values one per cell, or null for the initial value everywhere */
    record LayerDef(LayerSpec spec, double[] values) {
    }
}
