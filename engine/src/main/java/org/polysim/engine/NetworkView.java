package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * A world's network as it is now, detached from the world: its nodes (the entities of its node scripts, and any
 * other entity with a link) in creation order, and its links as pairs of node indexes, each once. What the tools
 * read and draw; {@link #summary} measures it with JGraphT.
 *
 * @param scripts each node's script, parallel to {@code nodes}
 */
public record NetworkView(boolean directed, List<String> nodes, List<String> scripts, int[] from, int[] to,
                          double[] weights) {

    public int links() {
        return from.length;
    }

    /** Each node's degree (out-degree when directed). */
    public int[] degrees() {
        int[] d = new int[nodes.size()];
        for (int i = 0; i < from.length; i++) {
            d[from[i]]++;
            if (!directed) {
                d[to[i]]++;
            }
        }
        return d;
    }

    /**
     * What get_network reports: sizes, the degree distribution, connected components (weakly, when directed), the
     * average clustering coefficient (the network taken as undirected; above {@link #EXACT_CLUSTERING_LINKS} links
     * over {@link #CLUSTERING_SAMPLE} nodes drawn with {@code seed}), and the average shortest path length (in links,
     * within components) from up to {@code pathSources} nodes drawn with {@code seed}, fewer on a large network
     * (at most {@link #PATH_VISITS} link visits, at least 3 nodes).
     *
     * @param degreeCounts     how many nodes have each degree, by degree
     * @param clusteringSample how many nodes the clustering was averaged over; 0 for every node
     * @param pathSources      how many nodes the path lengths were measured from (all of them in a small network)
     */
    public record Summary(int nodes, int links, boolean directed, double meanDegree, int maxDegree,
                          Map<Integer, Integer> degreeCounts, int components, int largestComponent,
                          double clustering, int clusteringSample, double averagePath, int pathSources) {
    }

    public Summary summary(int pathSources, long seed) {
        int n = nodes.size();
        int[] degree = degrees();
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        int max = 0;
        long sum = 0;
        for (int d : degree) {
            counts.merge(d, 1, Integer::sum);
            max = Math.max(max, d);
            sum += d;
        }
        Graph<Integer, DefaultEdge> g = undirected();
        List<java.util.Set<Integer>> parts = new ConnectivityInspector<>(g).connectedSets();
        int largest = parts.stream().mapToInt(java.util.Set::size).max().orElse(0);
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shuffled.add(i);
        }
        java.util.Collections.shuffle(shuffled, new Random(seed));
        // the whole network's clustering while JGraphT's exact count stays within a second or two; beyond, the
        // mean of the local coefficients of a seeded sample of nodes
        int clusteringSample = links() <= EXACT_CLUSTERING_LINKS ? 0 : Math.min(n, CLUSTERING_SAMPLE);
        double clustering = n == 0 ? 0 : clusteringSample == 0
                ? new ClusteringCoefficient<>(g).getAverageClusteringCoefficient()
                : meanLocalClustering(g, shuffled.subList(0, clusteringSample));
        // each breadth-first search visits every link: at most PATH_VISITS link visits in all, at least 3 sources
        int sourcesWanted = (int) Math.max(3, Math.min(pathSources, PATH_VISITS / Math.max(1, 2L * links())));
        List<Integer> sources = n > sourcesWanted ? shuffled.subList(0, sourcesWanted) : shuffled;
        long hops = 0, pairs = 0;
        for (int s : sources) {
            BreadthFirstIterator<Integer, DefaultEdge> bfs = new BreadthFirstIterator<>(g, s);
            while (bfs.hasNext()) {
                int v = bfs.next();
                if (v != s) {
                    hops += bfs.getDepth(v);
                    pairs++;
                }
            }
        }
        return new Summary(n, links(), directed, n == 0 ? 0 : (double) sum / n, max, counts, parts.size(), largest,
                clustering, clusteringSample, pairs == 0 ? 0 : (double) hops / pairs, sources.size());
    }

    /** Links up to which clustering is JGraphT's exact average over every node. */
    static final int EXACT_CLUSTERING_LINKS = 200_000;
    /** Nodes whose local clustering is averaged on a larger network. */
    static final int CLUSTERING_SAMPLE = 2_000;
    /** Link visits the path-length searches may make together. */
    static final long PATH_VISITS = 10_000_000;

    /** The mean local clustering coefficient of {@code nodes} (0 for a node of degree below 2), as JGraphT defines it. */
    private static double meanLocalClustering(Graph<Integer, DefaultEdge> g, List<Integer> nodes) {
        double total = 0;
        for (int v : nodes) {
            List<Integer> around = org.jgrapht.Graphs.neighborListOf(g, v);
            int k = around.size();
            if (k < 2) {
                continue;
            }
            long closed = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    closed += g.containsEdge(around.get(i), around.get(j)) ? 1 : 0;
                }
            }
            total += 2.0 * closed / ((double) k * (k - 1));
        }
        return nodes.isEmpty() ? 0 : total / nodes.size();
    }

    /** The links as a JGraphT graph on node indexes, direction dropped (components, clustering and paths). */
    public Graph<Integer, DefaultEdge> undirected() {
        return filled(new SimpleGraph<>(DefaultEdge.class));
    }

    /** The links as they are, directed or not. */
    public Graph<Integer, DefaultEdge> graph() {
        return directed ? filled(new SimpleDirectedGraph<>(DefaultEdge.class)) : undirected();
    }

    private Graph<Integer, DefaultEdge> filled(Graph<Integer, DefaultEdge> g) {
        for (int i = 0; i < nodes.size(); i++) {
            g.addVertex(i);
        }
        for (int i = 0; i < from.length; i++) {
            g.addEdge(from[i], to[i]);
        }
        return g;
    }
}
