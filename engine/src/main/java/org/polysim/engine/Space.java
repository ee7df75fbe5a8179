package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where entities are (DESIGN.md "The environment"). Positions live on the entities as plain doubles; this part
 * indexes them by grid cell, or by bucket in continuous space (a bucket grid about 64 buckets a side, 16 in 3D), so
 * {@code near} looks only at the cells its radius reaches and a query costs no JSON. Each cell's list is kept in
 * creation order, which is the order {@code at} answers in and the tie-break of {@code near}.
 *
 * <p>Rollback keeps a journal of every placement change (move, place, removal) since {@link #begin} and undoes it
 * backwards.
 */
final class Space implements Part {

    final SpaceSpec spec;
    private final int nx, ny, nz;
    /** Bucket side in continuous space (1 in a grid, where a bucket is a cell). */
    private final double side;
    private final List<Entity>[] index;
    private final List<Moved> journal = new ArrayList<>();

    private record Moved(Entity e, boolean wasPlaced, double x, double y, double z) {
    }

    /** An entity found by {@link #near}, with its distance. */
    private record Hit(Entity e, double distance) {
    }

    /** Where a new entity goes: a point, a random cell or position, a free cell, or nowhere. */
    record Placement(Mode mode, double[] point) {
        enum Mode { NONE, RANDOM, FREE, POINT }

        static final Placement NONE = new Placement(Mode.NONE, null);
        static final Placement RANDOM = new Placement(Mode.RANDOM, null);
        static final Placement FREE = new Placement(Mode.FREE, null);

        static Placement at(double[] point) {
            return new Placement(Mode.POINT, point);
        }
    }

    @SuppressWarnings("unchecked")
    Space(SpaceSpec spec) {
        this.spec = spec;
        if (spec.grid()) {
            side = 1;
        } else {
            double longest = Math.max(spec.width(), Math.max(spec.height(), spec.depth()));
            side = longest / (spec.threeD() ? 16 : 64);
        }
        nx = buckets(spec.width());
        ny = buckets(spec.height());
        nz = spec.threeD() ? buckets(spec.depth()) : 1;
        index = new List[nx * ny * nz];
    }

    private int buckets(double extent) {
        return Math.max(1, (int) Math.ceil(extent / side));
    }

    // ------------------------------------------------------------------ positions

    /**
     * A position given by a script or a file, checked and normalised: a torus wraps it; a bounded space refuses it
     * outside; a grid refuses fractions. Returns {x, y, z} (z is 0 in 2D).
     *
     * @param what how errors name the call, e.g. "move"
     */
    double[] position(double x, double y, Double z, String what) {
        return position(spec, x, y, z, what);
    }

    static double[] position(SpaceSpec spec, double x, double y, Double z, String what) {
        if (spec.threeD() && z == null) {
            throw new IllegalArgumentException(what + ": this space is 3D (depth " + Numbers.exact(spec.depth())
                    + "); give x, y and z");
        }
        if (!spec.threeD() && z != null) {
            throw new IllegalArgumentException(what + ": this space is 2D; give x and y only (no z)");
        }
        return new double[] {axis(spec, x, spec.width(), "x", what), axis(spec, y, spec.height(), "y", what),
                spec.threeD() ? axis(spec, z, spec.depth(), "z", what) : 0};
    }

    private static double axis(SpaceSpec spec, double v, double extent, String name, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": " + name + " must be a finite number, got " + v);
        }
        if (spec.grid() && v != Math.rint(v)) {
            throw new IllegalArgumentException(what + ": " + name + " must be a whole number in a grid, got "
                    + Numbers.exact(v));
        }
        if (spec.torus()) {
            double w = v % extent;
            return w < 0 ? w + extent : w == extent ? 0 : w;
        }
        if (v < 0 || v >= extent) {
            throw new IllegalArgumentException(what + ": " + name + " = " + Numbers.exact(v) + " is outside the "
                    + "space (0 <= " + name + " < " + Numbers.exact(extent) + ", not a torus)");
        }
        return v;
    }

    private int cellOf(double x, double y, double z) {
        int cx = Math.min(nx - 1, (int) (x / side));
        int cy = Math.min(ny - 1, (int) (y / side));
        int cz = Math.min(nz - 1, (int) (z / side));
        return (cz * ny + cy) * nx + cx;
    }

    /** The cell index of a grid position, for layers (same layout). */
    int cell(double[] p) {
        return cellOf(p[0], p[1], p[2]);
    }

    private boolean hasRoom(int cell) {
        int n = index[cell] == null ? 0 : index[cell].size();
        return n < (spec.capacity() > 0 ? spec.capacity() : 1);
    }

    private boolean underCapacity(int cell) {
        return spec.capacity() == 0 || index[cell] == null || index[cell].size() < spec.capacity();
    }

    /**
     * Places or moves {@code e} to {@code p} (from {@link #position}); false, with nothing changed, when a grid cell
     * other than its own is at capacity.
     */
    boolean put(Entity e, double[] p) {
        int c = cellOf(p[0], p[1], p[2]);
        if (spec.grid() && !(e.placed && e.cell == c) && !underCapacity(c)) {
            return false;
        }
        journal.add(new Moved(e, e.placed, e.x, e.y, e.z));
        relocate(e, p[0], p[1], p[2], true);
        return true;
    }

    /** Takes {@code e} out of the space (it was destroyed). */
    void remove(Entity e) {
        if (e.placed) {
            journal.add(new Moved(e, true, e.x, e.y, e.z));
            relocate(e, e.x, e.y, e.z, false);
        }
    }

    /** Puts back an entity the population revived or never lost: without a journal entry (rollback's own use). */
    private void relocate(Entity e, double x, double y, double z, boolean placed) {
        if (e.placed) {
            index[e.cell].remove(e);
        }
        e.x = x;
        e.y = y;
        e.z = z;
        e.placed = placed;
        if (placed) {
            e.cell = cellOf(x, y, z);
            List<Entity> list = index[e.cell];
            if (list == null) {
                list = index[e.cell] = new ArrayList<>(2);
            }
            int at = list.size();
            while (at > 0 && list.get(at - 1).serial > e.serial) {
                at--;
            }
            list.add(at, e);
        }
    }

    /** Where a new entity starts; its own generator draws random cells. */
    boolean place(Entity e, Placement at) {
        return switch (at.mode()) {
            case NONE -> true;
            case POINT -> put(e, at.point());
            case RANDOM -> {
                double[] p = spec.grid() ? randomCell(e.rng, this::underCapacity) : randomPoint(e.rng);
                yield p != null && put(e, p);
            }
            case FREE -> {
                double[] p = free(e.rng);
                yield p != null && put(e, p);
            }
        };
    }

    // ------------------------------------------------------------------ queries

    /**
     * Other live entities within {@code r}, nearest first, ties in creation order; of one script when not null.
     * {@code what} names the API member asking, in the message for a bad {@code r}.
     */
    List<Entity> near(Entity self, double[] from, double r, String script, String what) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException(what + ": r must be a number >= 0, got " + r);
        }
        List<Hit> hits = new ArrayList<>();
        int[][] xs = span(from[0], r, nx, spec.width());
        int[][] ys = span(from[1], r, ny, spec.height());
        int[][] zs = spec.threeD() ? span(from[2], r, nz, spec.depth()) : new int[][] {{0, 0}};
        boolean manhattan = spec.grid() && spec.neighborhood() == SpaceSpec.Neighborhood.VON_NEUMANN;
        for (int[] cz : zs) {
            for (int[] cy : ys) {
                for (int[] cx : xs) {
                    if (spec.grid() && (manhattan ? cx[1] + cy[1] + cz[1] : Math.max(cx[1], Math.max(cy[1], cz[1])))
                            > r) {
                        continue;
                    }
                    List<Entity> list = index[(cz[0] * ny + cy[0]) * nx + cx[0]];
                    if (list == null) {
                        continue;
                    }
                    for (Entity e : list) {
                        if (e == self || (script != null && !e.script.id().equals(script))) {
                            continue;
                        }
                        double d = spec.grid() ? (manhattan ? cx[1] + cy[1] + cz[1]
                                : Math.max(cx[1], Math.max(cy[1], cz[1]))) : euclid(from, e);
                        if (d <= r) {
                            hits.add(new Hit(e, d));
                        }
                    }
                }
            }
        }
        hits.sort((a, b) -> a.distance != b.distance ? Double.compare(a.distance, b.distance)
                : Long.compare(a.e.serial, b.e.serial));
        List<Entity> out = new ArrayList<>(hits.size());
        hits.forEach(h -> out.add(h.e));
        return out;
    }

    /**
     * The cells or buckets along one axis within {@code r} of {@code v}: pairs {index, distance in cells} (the
     * distance is only used in a grid). A torus wraps, and a radius that spans the whole axis visits each cell once.
     */
    private int[][] span(double v, double r, int n, double extent) {
        int center = Math.min(n - 1, (int) (v / side));
        int lo = (int) Math.floor((v - r) / side);
        int hi = (int) Math.floor((v + r) / side);
        if (spec.torus() && hi - lo + 1 >= n) {
            int[][] all = new int[n][];
            for (int c = 0; c < n; c++) {
                int d = Math.abs(c - center);
                all[c] = new int[] {c, Math.min(d, n - d)};
            }
            return all;
        }
        List<int[]> out = new ArrayList<>(hi - lo + 1);
        for (int c = lo; c <= hi; c++) {
            int at = spec.torus() ? Math.floorMod(c, n) : c;
            if (at >= 0 && at < n) {
                out.add(new int[] {at, Math.abs(c - center)});
            }
        }
        return out.toArray(new int[0][]);
    }

    private double euclid(double[] from, Entity e) {
        double dx = delta(from[0], e.x, spec.width());
        double dy = delta(from[1], e.y, spec.height());
        double dz = spec.threeD() ? delta(from[2], e.z, spec.depth()) : 0;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private double delta(double a, double b, double extent) {
        double d = Math.abs(a - b);
        return spec.torus() ? Math.min(d, extent - d) : d;
    }

    /** Entities on a grid cell, in creation order. */
    List<Entity> at(double[] p) {
        if (!spec.grid()) {
            throw new IllegalArgumentException("at: a continuous space has no cells; use near(r) for the entities "
                    + "around a point");
        }
        List<Entity> list = index[cellOf(p[0], p[1], p[2])];
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * A random free cell from {@code rng} (one without entities, or below the capacity when there is one), or null
     * when every cell is taken; a random position in continuous space. A few random draws first, then a scan that
     * picks uniformly among the free cells: uniform either way.
     */
    double[] free(Rng rng) {
        return spec.grid() ? randomCell(rng, this::hasRoom) : randomPoint(rng);
    }

    private double[] randomCell(Rng rng, java.util.function.IntPredicate ok) {
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

    private double[] randomPoint(Rng rng) {
        return new double[] {rng.nextDouble() * spec.width(), rng.nextDouble() * spec.height(),
                spec.threeD() ? rng.nextDouble() * spec.depth() : 0};
    }

    private double[] coordinates(int cell) {
        return new double[] {cell % nx, (cell / nx) % ny, cell / (nx * ny)};
    }

    /** Entities per grid cell (a copy), for summaries and pictures. */
    int[] counts() {
        int[] out = new int[index.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = index[c] == null ? 0 : index[c].size();
        }
        return out;
    }

    /** A position as people write it: {@code [3, 4]}, or {@code [3, 4, 1]} in 3D. */
    static String text(double[] p, SpaceSpec spec) {
        return "[" + Numbers.exact(p[0]) + ", " + Numbers.exact(p[1])
                + (spec.threeD() ? ", " + Numbers.exact(p[2]) : "") + "]";
    }

    // ------------------------------------------------------------------ Part

    @Override
    public void begin() {
        journal.clear();
    }

    @Override
    public void rollback() {
        for (int i = journal.size() - 1; i >= 0; i--) {
            Moved m = journal.get(i);
            relocate(m.e, m.x, m.y, m.z, m.wasPlaced);
        }
        journal.clear();
    }

    @Override
    public void write(ObjectNode snapshot) {
        spec.write(snapshot.putObject("space"));
    }
}
