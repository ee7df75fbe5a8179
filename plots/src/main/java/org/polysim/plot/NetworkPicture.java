package org.polysim.plot;

import java.awt.BasicStroke;
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
 * lines. A network of more than {@link #MAX_NODES} nodes is drawn as the links among an even sample of them (every
 * n-th in creation order), which the caller says.
 */
public final class NetworkPicture {

    /** Most nodes laid out and drawn: beyond a few thousand a picture shows a hairball, and layout takes seconds. */
    public static final int MAX_NODES = 2000;
    private static final Color LINK = new Color(0xc8c8c8);
    private static final Color INK = new Color(0x333333);

    private NetworkPicture() {}

    /** @param shown how many nodes were drawn, of {@code nodes} */
    public record Drawn(byte[] png, int width, int height, int shown, int nodes, int links, List<String> legend) {
    }

    public static Drawn draw(World w, String colorBy, String title, int side) {
        if (side < MetricChart.MIN_SIDE || side > MetricChart.MAX_SIDE) {
            throw new IllegalArgumentException("size must be between " + MetricChart.MIN_SIDE + " and "
                    + MetricChart.MAX_SIDE + " pixels, got " + side);
        }
        NetworkView net = w.network();
        int n = net.nodes().size();
        int step = Math.max(1, (n + MAX_NODES - 1) / MAX_NODES);
        List<Integer> kept = new ArrayList<>();
        int[] index = new int[n];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < n; i += step) {
            index[i] = kept.size();
            kept.add(i);
        }
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        kept.forEach(i -> g.addVertex(index[i]));
        int[] degree = net.degrees();
        int maxDegree = 1;
        for (int d : degree) {
            maxDegree = Math.max(maxDegree, d);
        }
        List<int[]> lines = new ArrayList<>();
        for (int k = 0; k < net.links(); k++) {
            int a = index[net.from()[k]], b = index[net.to()[k]];
            if (a >= 0 && b >= 0 && a != b && !g.containsEdge(a, b)) {
                g.addEdge(a, b);
                lines.add(new int[] {a, b});
            }
        }
        int legendRows = 0;
        WorldPicture.Colours colours = WorldPicture.colours(w, kept.stream().map(net.nodes()::get).toList(),
                kept.stream().map(net.scripts()::get).toList(), colorBy, "node");
        legendRows = colours.keys().size();
        int top = 36, bottom = 12 + 18 * legendRows, margin = 16;
        int width = side, height = side + top + bottom - 60;
        double area = Math.min(width - 2 * margin, height - top - bottom);
        MapLayoutModel2D<Integer> model = new MapLayoutModel2D<>(Box2D.of(area, area));
        if (g.vertexSet().size() > 0) {
            new IndexedFRLayoutAlgorithm2D<Integer, DefaultEdge>(100, 0.5, 0.5, new Random(w.seed())).layout(g,
                    model);
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
        double scale = area / Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        double offX = (width - (maxX - minX) * scale) / 2, offY = top + (area - (maxY - minY) * scale) / 2;
        double[] xs = new double[kept.size()], ys = new double[kept.size()];
        for (int v = 0; v < kept.size(); v++) {
            Point2D p = model.get(v);
            xs[v] = Double.isFinite(maxX) ? offX + (p.getX() - minX) * scale : width / 2.0;
            ys[v] = Double.isFinite(maxY) ? offY + (p.getY() - minY) * scale : top + area / 2;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = image.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, width, height);
        gr.setColor(INK);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        gr.drawString(title, margin, 22);
        gr.setColor(LINK);
        gr.setStroke(new BasicStroke(kept.size() > 500 ? 0.5f : 1f));
        for (int[] l : lines) {
            gr.draw(new Line2D.Double(xs[l[0]], ys[l[0]], xs[l[1]], ys[l[1]]));
        }
        double small = kept.size() > 500 ? 2 : 3, big = kept.size() > 500 ? 6 : 10;
        for (int v = 0; v < kept.size(); v++) {
            double r = small + (big - small) * Math.sqrt((double) degree[kept.get(v)] / maxDegree);
            gr.setColor(colours.colours().get(colours.keys().indexOf(colours.keyOf().get(v))));
            gr.fill(new Ellipse2D.Double(xs[v] - r, ys[v] - r, 2 * r, 2 * r));
        }
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = height - bottom + 14;
        for (int i = 0; i < legendRows; i++, y += 18) {
            gr.setColor(colours.colours().get(i));
            gr.fill(new Ellipse2D.Double(margin, y - 9, 10, 10));
            gr.setColor(INK);
            gr.drawString(colours.legend().get(i), margin + 16, y);
        }
        gr.dispose();
        List<Color> palette = new ArrayList<>(colours.colours());
        palette.add(LINK);
        palette.add(INK);
        return new Drawn(IndexedPng.encode(image, palette.toArray(new Color[0])), width, height, kept.size(), n,
                net.links(), colours.legend());
    }
}
