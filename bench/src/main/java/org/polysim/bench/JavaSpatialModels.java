package org.polysim.bench;

import java.util.List;
import org.polysim.engine.spi.EntityContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plain Java floor of the spatial models: the same logic as bench/workloads/{schelling,wolfsheep,flocking}.lua
 * through the engine's SPI (the space members of {@code EntityContext}). It pays everything the engine charges for a
 * neighbour query, a move or a layer (and the JSON states) and nothing a guest language does.
 */
final class JavaSpatialModels {

    private JavaSpatialModels() {}

    private static final int[][] STEPS = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};

    /** The controller of one model; WolfSheep's scripts (meadow, sheep, wolf) dispatch on the entity's script. */
    static org.polysim.engine.spi.Controller controller(String model) {
        return switch (SpatialModel.ofOrNull(model)) {
            case SCHELLING -> new Model(e -> {}, JavaSpatialModels::schelling);
            case WOLFSHEEP -> new Model(JavaSpatialModels::wolfsheepInit, JavaSpatialModels::wolfsheep);
            case FLOCKING -> new Model(JavaSpatialModels::flockingInit, JavaSpatialModels::flocking);
        };
    }

    private record Model(java.util.function.Consumer<EntityContext> init,
                         java.util.function.Consumer<EntityContext> update)
            implements org.polysim.engine.spi.Controller {
        @Override
        public void init(EntityContext e) {
            init.accept(e);
        }

        @Override
        public void update(EntityContext e) {
            update.accept(e);
        }
    }

    private static void schelling(EntityContext e) {
        JsonNode p = e.params();
        boolean happy = e.near(p.get("radius").asDouble(), e.script()).size() >= p.get("min_to_be_happy").asInt();
        if (!happy) {
            JsonNode cell = e.free();
            if (cell != null) {
                e.move(cell.get(0).asDouble(), cell.get(1).asDouble(), null);
            }
        }
        if (e.state().path("happy").asBoolean() != happy) { // states are replaced, never mutated
            e.setState(e.state().deepCopy().put("happy", happy));
        }
    }

    private static void wolfsheepInit(EntityContext e) {
        JsonNode p = e.params();
        if (e.script().equals("meadow")) {
            int regrowth = p.get("regrowth_time").asInt();
            for (int x = 0; x < p.get("width").asInt(); x++) {
                for (int y = 0; y < p.get("height").asInt(); y++) {
                    if (e.random() >= 0.5) {
                        e.take("grass", e.random(1, regrowth), (double) x, (double) y, null);
                    }
                }
            }
        } else if (!e.state().has("energy")) {
            int gain = p.get(e.script().equals("sheep") ? "sheep_gain" : "wolf_gain").asInt();
            e.setState(e.state().deepCopy().put("energy", (double) e.random(1, 2L * gain)));
        }
    }

    private static void wolfsheep(EntityContext e) {
        if (e.script().equals("meadow")) {
            e.destroy(null);
            return;
        }
        JsonNode p = e.params();
        boolean sheep = e.script().equals("sheep");
        int[] cell = walk(e, p);
        double energy = e.state().get("energy").asDouble() - 1;
        if (sheep) {
            double full = p.get("regrowth_time").asDouble();
            if (e.layer("grass", (double) cell[0], (double) cell[1], null) >= full) {
                e.take("grass", full, (double) cell[0], (double) cell[1], null);
                energy += p.get("sheep_gain").asDouble();
            }
        } else {
            List<String> prey = e.near(0, "sheep");
            if (!prey.isEmpty() && e.destroy(prey.get((int) e.random(0, prey.size() - 1)))) {
                energy += p.get("wolf_gain").asDouble();
            }
        }
        if (energy < (sheep ? 1 : 0)) {
            e.destroy(null);
            return;
        }
        if (e.random() < p.get(sheep ? "sheep_reproduce" : "wolf_reproduce").asDouble()) {
            energy /= 2;
            e.spawn(e.script(), e.state().deepCopy().put("energy", energy));
        }
        e.setState(e.state().deepCopy().put("energy", energy));
    }

    /** One of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge). */
    private static int[] walk(EntityContext e, JsonNode p) {
        while (true) {
            int[] d = STEPS[(int) e.random(0, 7)];
            int x = e.coordinate(0).intValue() + d[0];
            int y = e.coordinate(1).intValue() + d[1];
            if (x >= 0 && x < p.get("width").asInt() && y >= 0 && y < p.get("height").asInt()) {
                e.move(x, y, null);
                return new int[] {x, y};
            }
        }
    }

    private static void flockingInit(EntityContext e) {
        double vx = e.random() * 2 - 1;
        double vy = e.random() * 2 - 1;
        double norm = Math.hypot(vx, vy);
        e.setState(e.state().deepCopy().put("vx", vx / norm).put("vy", vy / norm));
    }

    private static void flocking(EntityContext e) {
        JsonNode p = e.params();
        double w = p.get("width").asDouble();
        double h = p.get("height").asDouble();
        double sep2 = Math.pow(p.get("separation").asDouble(), 2);
        double x = e.coordinate(0).doubleValue();
        double y = e.coordinate(1).doubleValue();
        int n = 0;
        double cx = 0, cy = 0, sx = 0, sy = 0, mx = 0, my = 0;
        for (String id : e.near(p.get("visual_distance").asDouble(), null)) {
            JsonNode other = e.look(id);
            double dx = wrap(other.get("x").asDouble() - x, w);
            double dy = wrap(other.get("y").asDouble() - y, h);
            n++;
            cx += dx;
            cy += dy;
            mx += other.get("state").get("vx").asDouble();
            my += other.get("state").get("vy").asDouble();
            if (dx * dx + dy * dy < sep2) {
                sx -= dx;
                sy -= dy;
            }
        }
        n = Math.max(n, 1);
        ObjectNode s = e.state().deepCopy();
        double cohere = p.get("cohere_factor").asDouble();
        double separate = p.get("separate_factor").asDouble();
        double match = p.get("match_factor").asDouble();
        double vx = s.get("vx").asDouble() + (cx * cohere + sx * separate + mx * match) / n;
        double vy = s.get("vy").asDouble() + (cy * cohere + sy * separate + my * match) / n;
        double norm = Math.hypot(vx, vy);
        s.put("vx", vx / norm).put("vy", vy / norm);
        e.setState(s);
        double speed = p.get("speed").asDouble();
        e.move(x + vx / norm * speed, y + vy / norm * speed, null);
    }

    private static double wrap(double d, double size) {
        return d - size * Math.floor(d / size + 0.5);
    }
}
