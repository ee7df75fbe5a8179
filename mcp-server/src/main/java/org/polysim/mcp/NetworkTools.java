package org.polysim.mcp;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.polysim.engine.NetworkView;
import org.polysim.engine.Numbers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_network}: a world's network measured, small enough for a model to read whatever its size: counts, the
 * degree distribution (binned when it has many distinct degrees), components, clustering, the average path length
 * from a seeded sample of nodes, the best-connected nodes and the first links. The metrics come from JGraphT
 * ({@link NetworkView#summary}).
 */
final class NetworkTools {

    /** Path lengths are measured from at most this many nodes: a breadth-first search each. */
    static final int PATH_SOURCES = 100;
    /** Distinct degrees listed one by one; more are binned into about this many ranges. */
    private static final int DEGREE_BINS = 24;

    private final ServerState state;

    NetworkTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("get_network", "A world's network measured: degrees, components, clustering, "
                + "path length (sampled), hubs, first links.",
                Schema.of().required("world_name", "string", "Name of the world.")
                        .optional("links", "integer", "Links to list (default 20, at most 500)."),
                Schema.of().open(),
                Tool.Hints.READ_SLOW, this::network));
    }

    private Tool.Result network(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        int listed = (int) c.args().integer("links", 0, 500, 20L);
        return state.worlds.withWorld(name, w -> {
            if (!w.hasNetwork()) {
                throw new ToolError("world '" + name + "' has no network; give one at create_world, e.g. network: "
                        + "{generator: {kind: watts_strogatz, k: 4, p: 0.1}}, or link entities in a script with "
                        + "e.link(id)");
            }
            NetworkView net = w.network();
            NetworkView.Summary s = net.summary(PATH_SOURCES, w.seed());
            ObjectNode out = Json.object().put("world_name", name).put("time", w.time())
                    .put("directed", s.directed()).put("nodes", s.nodes()).put("links", s.links())
                    .put("mean_degree", round(s.meanDegree())).put("max_degree", s.maxDegree());
            ObjectNode degrees = out.putObject("degree_distribution");
            Map<String, Integer> bins = bins(s.degreeCounts(), s.meanDegree());
            bins.forEach(degrees::put);
            out.put("components", s.components()).put("largest_component", s.largestComponent())
                    .put("clustering", round(s.clustering()));
            if (s.clusteringSample() > 0) {
                out.put("clustering_sample", s.clusteringSample());
            }
            out.put("average_path", round(s.averagePath()))
                    .put("path_sources", s.pathSources());
            int[] degree = net.degrees();
            Integer[] order = new Integer[degree.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> degree[b] != degree[a] ? Integer.compare(degree[b], degree[a])
                    : Integer.compare(a, b));
            ArrayNode hubs = out.putArray("hubs");
            for (int i = 0; i < Math.min(5, order.length); i++) {
                hubs.addObject().put("id", net.nodes().get(order[i])).put("degree", degree[order[i]]);
            }
            ArrayNode first = out.putArray("first_links");
            for (int k = 0; k < Math.min(listed, net.links()); k++) {
                ArrayNode l = first.addArray().add(net.nodes().get(net.from()[k])).add(net.nodes().get(net.to()[k]));
                if (net.weights()[k] != 1) {
                    l.add(Numbers.node(net.weights()[k]));
                }
            }
            StringBuilder text = new StringBuilder("network of world '" + name + "' at time " + Views.num(w.time())
                    + ": " + Views.count(s.nodes(), "node", "nodes") + ", " + Views.count(s.links(), "link", "links")
                    + (s.directed() ? " (directed)" : "") + ", mean degree " + Views.num(round(s.meanDegree()))
                    + " (max " + s.maxDegree() + "); " + Views.count(s.components(), "component", "components")
                    + " (largest " + s.largestComponent() + "); clustering " + Views.num(round(s.clustering()))
                    + (s.clusteringSample() > 0 ? " (over " + s.clusteringSample() + " sampled nodes)" : "")
                    + "; average path " + Views.num(round(s.averagePath())) + " links" + (s.directed()
                    ? " (directions ignored, as for components and clustering)" : "") + " (from "
                    + (s.pathSources() < s.nodes() ? s.pathSources() + " sampled nodes" : "every node") + ")\n"
                    + "degrees (degree: nodes): ");
            bins.forEach((d, n) -> text.append(d).append(": ").append(n).append("  "));
            if (net.links() > listed) {
                text.append("\n(first ").append(listed).append(" of ").append(net.links())
                        .append(" links listed; export_entities with table: links writes them all)");
            }
            return new Tool.Result(out, text.toString().strip(), false);
        });
    }

    /**
     * Degrees one by one; when there are many distinct ones, in ranges: doubling ranges above 7 ("8-15", "16-31")
     * for a heavy tail (the largest degree above ten times the mean, as in a scale-free network), else ranges of equal
     * width ("10-14").
     */
    static Map<String, Integer> bins(Map<Integer, Integer> counts, double mean) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        TreeMap<Integer, Integer> sorted = new TreeMap<>(counts);
        if (counts.size() <= DEGREE_BINS) {
            sorted.forEach((d, n) -> out.put(Integer.toString(d), n));
            return out;
        }
        int max = sorted.lastKey(), min = sorted.firstKey();
        if (max > 10 * mean) {
            sorted.forEach((d, n) -> {
                int lo = d < 8 ? d : Integer.highestOneBit(d);
                out.merge(d < 8 ? Integer.toString(d) : lo + "-" + (2 * lo - 1), n, Integer::sum);
            });
            return out;
        }
        int width = (max - min + DEGREE_BINS) / DEGREE_BINS;
        sorted.forEach((d, n) -> {
            int lo = min + (d - min) / width * width;
            out.merge(lo + "-" + (lo + width - 1), n, Integer::sum);
        });
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
