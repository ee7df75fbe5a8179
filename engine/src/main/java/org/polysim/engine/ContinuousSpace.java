package org.polysim.engine;

import java.util.List;

/**
 * A continuous plane or volume: positions are any numbers within the bounds (or wrapped on a torus), distance is
 * Euclidean, and the index is a grid of buckets, about 64 a side in 2D and 16 in 3D, so that {@code near} visits
 * only the buckets its radius reaches. No capacity: every position admits another entity.
 */
final class ContinuousSpace extends Space {

    ContinuousSpace(SpaceSpec spec) {
        super(spec, Math.max(spec.width(), Math.max(spec.height(), spec.depth())) / (spec.threeD() ? 16 : 64));
    }

    @Override
    boolean admits(int cell) {
        return true;
    }

    @Override
    double[] random(Rng rng) {
        return new double[] {rng.nextDouble() * spec.width(), rng.nextDouble() * spec.height(),
                spec.threeD() ? rng.nextDouble() * spec.depth() : 0};
    }

    /** 0: a bucket's entities may lie anywhere in it, so every bucket the radius reaches is looked into. */
    @Override
    double cellDistance(int dx, int dy, int dz) {
        return 0;
    }

    @Override
    double distance(double cellDistance, double[] from, Entity e) {
        double dx = delta(from[0], e.x, spec.width());
        double dy = delta(from[1], e.y, spec.height());
        double dz = spec.threeD() ? delta(from[2], e.z, spec.depth()) : 0;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private double delta(double a, double b, double extent) {
        double d = Math.abs(a - b);
        return spec.torus() ? Math.min(d, extent - d) : d;
    }

    @Override
    List<Entity> at(double[] p) {
        throw new IllegalArgumentException("at: a continuous space has no cells; use near(r) for the entities "
                + "around a point");
    }

    /** A random position: continuous space is never full. */
    @Override
    double[] free(Rng rng) {
        return random(rng);
    }
}
