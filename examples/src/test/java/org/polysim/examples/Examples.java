package org.polysim.examples;

import java.nio.file.Path;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads example worlds for the tests with a generous per-call time budget: the tests check what a model does, and a
 * CI machine busy with other builds can take longer than the 2 s default over one cold call (a first JavaScript
 * {@code init}, a first Python update), which would fail a behaviour test for a reason that is not the model's.
 */
final class Examples {

    private Examples() {}

    static World load(Path file) throws SimulationException {
        ObjectNode tree = (ObjectNode) WorldFiles.read(file);
        ObjectNode limits = tree.has("limits") ? (ObjectNode) tree.get("limits") : tree.putObject("limits");
        if (limits.path("wall_ms").asLong(0) < 60_000) {
            limits.put("wall_ms", 60_000);
        }
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return World.create(tree, file.toAbsolutePath().getParent(), name);
    }
}
