package org.polysim.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.IndexedFRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.polysim.engine.NetworkView;
import org.polysim.engine.World;

/**
 * A picture of a world's network ({@code render_world} on a world with a network and no space): nodes placed by
 * JGraphT's force-directed layout (Fruchterman–Reingold with a Barnes–Hut index, seeded by the world's seed, so the
 * same network draws the same), coloured as {@link WorldPicture} colours entities and sized by degree, links as grey
 * lines; nodes without links on a ring around the rest. A network of more than {@link #MAX_NODES} nodes is drawn as
 * a breadth-first sample of them with the links among them, which the caller says.
 */
public final class NetworkPicture {

    /** Most nodes laid out and drawn: beyond a few thousand a picture shows a hairball, and layout takes seconds. */
    public static final int MAX_NODES = 2000;
    private static final Color LINK = new Color(0xc8c8c8);
    private static final Color INK = new Color(0x333333);

    private NetworkPicture() {}

    /** @param shown how many nodes were drawn, of {@code nodes} */
    public record Drawn(byte[] png, int width, int height, int shown, int nodes, int links, List<String> legend)
            implements Picture {
    }

    /**
     * Where a network's nodes go: at most {@link #MAX_NODES} of them ({@code kept}, indexes into the network's nodes,
     * in creation order), each at {@code (x, y)} in the unit square, and the links among them as pairs of indexes
     * into {@code kept}. The costly part of a picture, and what the live view draws too.
     */
    public record Placement(List<Integer> kept, double[] xs, double[] ys, List<int[]> lines) {
    }

    /** A placement coloured and titled, to be drawn at one size or, when it does not fit a response, smaller. */
    public record Layout(Placement at, double[] radius, int[] colour, WorldPicture.Colours colours, int nodes,
                         int links, String title) {
    }

    /** Lays out {@code w}'s network and colours it. */
    public static Layout layout(World w, String colorBy, String title) {
        NetworkView net = w.network();
        Placement at = place(net, w.seed());
        int[] degree = net.degrees();
        int maxDegree = 1;
        for (int d : degree) {
            maxDegree = Math.max(maxDegree, d);
        }
        WorldPicture.Colours colours = WorldPicture.colours(w, at.kept().stream().map(net.nodes()::get).toList(),
                at.kept().stream().map(net.scripts()::get).toList(), colorBy, "node");
        int m = at.kept().size();
        double[] radius = new double[m];
        int[] colour = new int[m];
        double small = m > 500 ? 2 : 3, big = m > 500 ? 6 : 10;
        for (int v = 0; v < m; v++) {
            radius[v] = small + (big - small) * Math.sqrt((double) degree[at.kept().get(v)] / maxDegree);
            colour[v] = colours.keys().indexOf(colours.keyOf().get(v));
        }
        return new Layout(at, radius, colour, colours, net.nodes().size(), net.links(), title);
    }

    /**
     * Places at most {@link #MAX_NODES} nodes of {@code net} by force, seeded by {@code seed}: the same network is
     * placed the same.
     */
    public static Placement place(NetworkView net, long seed) {
        int n = net.nodes().size();
        int[] degree = net.degrees();
        List<Integer> kept = n <= MAX_NODES ? java.util.stream.IntStream.range(0, n).boxed().toList()
                : sample(net, degree);
        int[] index = new int[n];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < kept.size(); i++) {
            index[kept.get(i)] = i;
        }
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        List<int[]> lines = new ArrayList<>();
        for (int k = 0; k < net.links(); k++) {
            int a = index[net.from()[k]], b = index[net.to()[k]];
            if (a >= 0 && b >= 0 && a != b && !(g.containsVertex(a) && g.containsEdge(a, b))) {
                g.addVertex(a);
                g.addVertex(b);
                g.addEdge(a, b);
                lines.add(new int[] {a, b});
            }
        }
        double side = 100 * Math.sqrt(Math.max(1, g.vertexSet().size()));
        MapLayoutModel2D<Integer> model = new MapLayoutModel2D<>(Box2D.of(side, side));
        if (!g.vertexSet().isEmpty()) {
            try {
                new IndexedFRLayoutAlgorithm2D<Integer, DefaultEdge>(100, 0.5, 0.5, new Random(seed)).layout(g,
                        model);
            } catch (IllegalArgumentException e) {
                // JGraphT's Barnes-Hut quad tree refuses two nodes on one point (isolated nodes pressed into a
                // corner): the exact algorithm, O(n²) a step, has no index to refuse them
                model = new MapLayoutModel2D<>(Box2D.of(side, side));
                new FRLayoutAlgorithm2D<Integer, DefaultEdge>(100, 0.5, new Random(seed)).layout(g, model);
            }
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Integer v : g.vertexSet()) {
            Point2D p = model.get(v);
            minX = Math.min(minX, p.getX());
            maxX = Math.max(maxX, p.getX());
            minY = Math.min(minY, p.getY());
            maxY = Math.max(maxY, p.getY());
        }
        double span = Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        int m = kept.size();
        int isolated = m - g.vertexSet().size();
        // nodes without a link (in the sample) go on a ring around the laid-out ones: the layout would press them
        // into the corners
        double inner = isolated == 0 ? 1 : 0.7, ring = 0;
        double[] xs = new double[m], ys = new double[m];
        for (int v = 0; v < m; v++) {
            if (g.containsVertex(v)) {
                Point2D p = model.get(v);
                xs[v] = (1 - inner) / 2 + inner * (g.vertexSet().size() == 1 ? 0.5 : (p.getX() - minX) / span);
                ys[v] = (1 - inner) / 2 + inner * (g.vertexSet().size() == 1 ? 0.5 : (p.getY() - minY) / span);
            } else {
                double angle = 2 * Math.PI * ring++ / isolated;
                xs[v] = 0.5 + 0.48 * Math.cos(angle);
                ys[v] = 0.5 + 0.48 * Math.sin(angle);
            }
        }
        return new Placement(kept, xs, ys, lines);
    }

    /**
     * {@link #MAX_NODES} nodes of a larger network, breadth first from the best-connected node (then from the next
     * best not reached): a neighbourhood drawn whole shows the network's local structure, where an even sample of a
     * lattice would keep no link at all.
     */
    private static List<Integer> sample(NetworkView net, int[] degree) {
        int n = degree.length;
        List<List<Integer>> adjacent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacent.add(new ArrayList<>(degree[i]));
        }
        for (int k = 0; k < net.links(); k++) {
            adjacent.get(net.from()[k]).add(net.to()[k]);
            adjacent.get(net.to()[k]).add(net.from()[k]);
        }
        Integer[] byDegree = new Integer[n];
        java.util.Arrays.setAll(byDegree, i -> i);
        java.util.Arrays.sort(byDegree, (a, b) -> degree[a] != degree[b] ? Integer.compare(degree[b], degree[a])
                : Integer.compare(a, b));
        boolean[] seen = new boolean[n];
        List<Integer> out = new ArrayList<>(MAX_NODES);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int start = 0; out.size() < MAX_NODES && start < n; start++) {
            if (seen[byDegree[start]]) {
                continue;
            }
            seen[byDegree[start]] = true;
            queue.add(byDegree[start]);
            while (!queue.isEmpty() && out.size() < MAX_NODES) {
                int v = queue.poll();
                out.add(v);
                for (int u : adjacent.get(v)) {
                    if (!seen[u]) {
                        seen[u] = true;
                        queue.add(u);
                    }
                }
            }
            queue.clear();
        }
        java.util.Collections.sort(out);
        return out;
    }

    public static Drawn draw(World w, String colorBy, String title, int side) {
        return draw(layout(w, colorBy, title), side);
    }

    /** {@code layout} drawn {@code side} pixels wide: links as crisp grey lines (they compress), nodes on top. */
    public static Drawn draw(Layout l, int side) {
        if (side < MetricChart.MIN_SIDE || side > MetricChart.MAX_SIDE) {
            throw new IllegalArgumentException("size must be between " + MetricChart.MIN_SIDE + " and "
                    + MetricChart.MAX_SIDE + " pixels, got " + side);
        }
        int legendRows = l.colours().keys().size();
        int top = 36, bottom = 12 + 18 * legendRows, margin = 16;
        int width = side;
        double area = width - 2 * margin;
        int height = (int) (top + area + bottom);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = image.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, width, height);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setColor(INK);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        gr.drawString(l.title(), margin, 22);
        gr.setColor(LINK);
        double[] xs = l.at().xs(), ys = l.at().ys();
        for (int[] line : l.at().lines()) {
            gr.draw(new Line2D.Double(margin + xs[line[0]] * area, top + ys[line[0]] * area,
                    margin + xs[line[1]] * area, top + ys[line[1]] * area));
        }
        if (xs.length <= 500) { // smooth nodes; beyond, crisp ones: their edges' blends cost a third of the file
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        }
        for (int v = 0; v < xs.length; v++) {
            double r = l.radius()[v];
            gr.setColor(l.colours().colours().get(l.colour()[v]));
            gr.fill(new Ellipse2D.Double(margin + xs[v] * area - r, top + ys[v] * area - r, 2 * r, 2 * r));
        }
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = height - bottom + 14;
        for (int i = 0; i < legendRows; i++, y += 18) {
            gr.setColor(l.colours().colours().get(i));
            gr.fill(new Ellipse2D.Double(margin, y - 9, 10, 10));
            gr.setColor(INK);
            gr.drawString(l.colours().legend().get(i), margin + 16, y);
        }
        gr.dispose();
        List<Color> palette = new ArrayList<>(l.colours().colours());
        palette.add(LINK);
        palette.add(INK);
        return new Drawn(IndexedPng.encode(image, palette.toArray(new Color[0])), width, height, xs.length,
                l.nodes(), l.links(), l.colours().legend());
    }
}
