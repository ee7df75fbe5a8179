package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where entities are (DESIGN.md "The environment"), one class per kind: {@link GridSpace} and
 * {@link ContinuousSpace}, each 2D or 3D (a third axis is one more loop bound, not another kind of space, so the
 * dimension is the spec's, not a class's). Positions live on the entities as plain doubles; this part indexes them
 * by cell, a grid's own or a continuous space's bucket, so {@code near} looks only at the cells its radius reaches
 * and a query costs no JSON. Each cell's list is kept in creation order, which is the order {@code at} answers in
 * and the tie-break of {@code near}.
 *
 * <p>Rollback keeps a journal of every placement change (move, place, removal) since {@link #begin} and undoes it
 * backwards.
 */
abstract sealed class Space implements Part permits GridSpace, ContinuousSpace {

    final SpaceSpec spec;
    final int nx, ny, nz;
    /** A cell's side: 1 in a grid, a bucket's in continuous space (the subclass says). */
    private final double side;
    final List<Entity>[] index;
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

    /**
     * An entity's {@code at}: {@code random} (the default in a space), {@code free}, {@code none} (not placed) or
     * a position; nothing in a world without space.
     */
    static Placement placement(JsonNode at, SpaceSpec space, String where) {
        if (space == null) {
            if (at != null && !at.isNull()) {
                throw new WorldFileException(where, "this world has no space to place entities in; remove at, or "
                        + "add space: { kind: grid, width: ..., height: ... }");
            }
            return Placement.NONE;
        }
        if (at == null || at.isNull()) {
            return Placement.RANDOM;
        }
        if (at.isString()) {
            return switch (at.stringValue()) {
                case "random" -> Placement.RANDOM;
                case "free" -> Placement.FREE;
                case "none" -> Placement.NONE;
                default -> throw new WorldFileException(where, "unknown placement '" + at.stringValue()
                        + "'; use random, free, none or a position " + example(space));
            };
        }
        if (!at.isArray() || at.size() != space.axes()) {
            throw new WorldFileException(where, "expected random, free, none or a position " + example(space)
                    + ", got " + Fields.describe(at));
        }
        for (JsonNode c : at) {
            if (!c.isNumber()) {
                throw new WorldFileException(where, "a position holds numbers, got " + Fields.describe(c));
            }
        }
        try {
            return Placement.at(position(space, at.get(0).doubleValue(), at.get(1).doubleValue(),
                    space.threeD() ? at.get(2).doubleValue() : null, "at"));
        } catch (IllegalArgumentException e) {
            throw new WorldFileException(where, e.getMessage().replaceFirst("^at: ", ""));
        }
    }

    private static String example(SpaceSpec space) {
        return space.threeD() ? "[x, y, z]" : "[x, y]";
    }

    /** The space a spec describes. */
    static Space of(SpaceSpec spec) {
        return spec.grid() ? new GridSpace(spec) : new ContinuousSpace(spec);
    }

    @SuppressWarnings("unchecked")
    Space(SpaceSpec spec, double side) {
        this.spec = spec;
        this.side = side;
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

    int cellOf(double x, double y, double z) {
        int cx = Math.min(nx - 1, (int) (x / side));
        int cy = Math.min(ny - 1, (int) (y / side));
        int cz = Math.min(nz - 1, (int) (z / side));
        return (cz * ny + cy) * nx + cx;
    }

    /** The cell index of a grid position, for layers (same layout). */
    int cell(double[] p) {
        return cellOf(p[0], p[1], p[2]);
    }

    /**
     * Places or moves {@code e} to {@code p} (from {@link #position}); false, with nothing changed, when a grid cell
     * other than its own is at capacity.
     */
    boolean put(Entity e, double[] p) {
        int c = cellOf(p[0], p[1], p[2]);
        if (!(e.placed && e.cell == c) && !admits(c)) {
            return false;
        }
        journal.add(new Moved(e, e.placed, e.x, e.y, e.z));
        relocate(e, p[0], p[1], p[2], true);
        return true;
    }

    /** Whether one more entity may enter cell {@code c}. */
    abstract boolean admits(int c);

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
                double[] p = random(e.rng);
                yield p != null && put(e, p);
            }
            case FREE -> {
                double[] p = free(e.rng);
                yield p != null && put(e, p);
            }
        };
    }

    /** A random position where an entity may go, from {@code rng}, or null when there is none. */
    abstract double[] random(Rng rng);

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
        for (int[] cz : zs) {
            for (int[] cy : ys) {
                for (int[] cx : xs) {
                    double cellDistance = cellDistance(cx[1], cy[1], cz[1]);
                    List<Entity> list = cellDistance > r ? null : index[(cz[0] * ny + cy[0]) * nx + cx[0]];
                    if (list == null) {
                        continue;
                    }
                    for (Entity e : list) {
                        if (e == self || (script != null && !e.script.id().equals(script))) {
                            continue;
                        }
                        double d = distance(cellDistance, from, e);
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
     * How far apart two cells {@code dx}, {@code dy}, {@code dz} cells apart along each axis are at least, in the
     * space's distance: what lets {@link #near} skip a cell without looking at its entities.
     */
    abstract double cellDistance(int dx, int dy, int dz);

    /** The distance of {@code e} from {@code from}, whose cells are {@code cellDistance} apart. */
    abstract double distance(double cellDistance, double[] from, Entity e);

    /**
     * The cells along one axis within {@code r} of {@code v}: pairs {index, distance in cells}. A torus wraps, and a
     * radius that spans the whole axis visits each cell once.
     */
    private int[][] span(double v, double r, int n, double extent) {
        int center = Math.min(n - 1, (int) (v / side));
        double from = Math.floor((v - r) / side), to = Math.floor((v + r) / side);
        if (spec.torus() && to - from + 1 >= n) {
            int[][] all = new int[n][];
            for (int c = 0; c < n; c++) {
                int d = Math.abs(c - center);
                all[c] = new int[] {c, Math.min(d, n - d)};
            }
            return all;
        }
        // within the axis (a bounded space) before anything becomes an int: a radius of 1e12 reaches every cell,
        // it must not overflow into an endless loop
        int lo = (int) (spec.torus() ? from : Math.max(0, from));
        int hi = (int) (spec.torus() ? to : Math.min(n - 1, to));
        List<int[]> out = new ArrayList<>(Math.max(0, hi - lo + 1));
        for (int c = lo; c <= hi; c++) {
            int at = spec.torus() ? Math.floorMod(c, n) : c;
            if (at >= 0 && at < n) {
                out.add(new int[] {at, Math.abs(c - center)});
            }
        }
        return out.toArray(new int[0][]);
    }

    /** Entities on a grid cell, in creation order. */
    abstract List<Entity> at(double[] p);

    /**
     * A random free cell from {@code rng} (one without entities, or below the capacity when there is one), or null
     * when every cell is taken; a random position in continuous space.
     */
    abstract double[] free(Rng rng);

    /** Entities per cell (a copy), for summaries and pictures of a grid. */
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
