package org.polysim.engine;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A grid of whole-numbered cells, 2D or 3D: a cell holds up to the spec's capacity (one when it has none, for
 * {@code free}); distance counts cells, by the Moore (Chebyshev) or von Neumann (Manhattan) neighbourhood.
 */
final class GridSpace extends Space {

    private final boolean manhattan;

    GridSpace(SpaceSpec spec) {
        super(spec, 1);
        manhattan = spec.neighborhood() == SpaceSpec.Neighborhood.VON_NEUMANN;
    }

    @Override
    boolean admits(int cell) {
        return spec.capacity() == 0 || index[cell] == null || index[cell].size() < spec.capacity();
    }

    /** Whether a cell counts as free for {@code free}: below the capacity, or empty when there is none. */
    private boolean hasRoom(int cell) {
        int n = index[cell] == null ? 0 : index[cell].size();
        return n < (spec.capacity() > 0 ? spec.capacity() : 1);
    }

    @Override
    double[] random(Rng rng) {
        return randomCell(rng, this::admits);
    }

    @Override
    double cellDistance(int dx, int dy, int dz) {
        return manhattan ? dx + dy + dz : Math.max(dx, Math.max(dy, dz));
    }

    @Override
    double distance(double cellDistance, double[] from, Entity e) {
        return cellDistance;
    }

    @Override
    List<Entity> at(double[] p) {
        List<Entity> list = index[cellOf(p[0], p[1], p[2])];
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A few random draws first, then a scan that picks uniformly among the free cells: uniform either way. */
    @Override
    double[] free(Rng rng) {
        return randomCell(rng, this::hasRoom);
    }

    private double[] randomCell(Rng rng, IntPredicate ok) {
        int cells = index.length;
        for (int tries = 0; tries < 32; tries++) {
            int c = (int) rng.between(0, cells - 1);
            if (ok.test(c)) {
                return coordinates(c);
            }
        }
        int count = 0;
        for (int c = 0; c < cells; c++) {
            count += ok.test(c) ? 1 : 0;
        }
        if (count == 0) {
            return null;
        }
        long k = rng.between(0, count - 1);
        for (int c = 0; c < cells; c++) {
            if (ok.test(c) && k-- == 0) {
                return coordinates(c);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private double[] coordinates(int cell) {
        return new double[] {cell % nx, (cell / nx) % ny, cell / (nx * ny)};
    }
}
