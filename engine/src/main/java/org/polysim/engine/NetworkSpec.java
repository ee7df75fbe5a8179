package org.polysim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.jgrapht.Graph;
import org.jgrapht.generate.BarabasiAlbertGraphGenerator;
import org.jgrapht.generate.CompleteGraphGenerator;
import org.jgrapht.generate.GnmRandomGraphGenerator;
import org.jgrapht.generate.GraphGenerator;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.WattsStrogatzGraphGenerator;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;
import org.jgrapht.util.SupplierUtil;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * What a world file's {@code network} says (DESIGN.md "Networks and broadcasts"): directed or not, which scripts'
 * entities are its nodes, and its links, as a generator (JGraphT's, drawing from the world's seed) or an explicit
 * edge list ({@code edges}, or {@code edges_file}, a CSV of {@code from,to[,weight]}). Everything is checked when the
 * file is read, against the entities it defines, so a bad parameter, an unknown id, a link to oneself, a duplicate
 * or a network above {@code limits.max_links} is refused before anything is built.
 *
 * <p>Erdős–Rényi is built as G(n, m) with m = p·n(n−1)/2 rounded (JGraphT's G(n, p) visits every pair: O(n²), minutes
 * at 100k nodes; G(n, m) is O(m) and has the same Poisson degrees in the limit).
 *
 * @param nodes     scripts whose entities are the generator's nodes, in creation order; null: every script
 * @param generator null for an explicit edge list
 * @param edges     null for a generator
 * @param weight    the weight of a generated link: {@code [w, w]} a constant, {@code [lo, hi]} drawn uniformly
 */
record NetworkSpec(boolean directed, List<String> nodes, Generator generator, List<Edge> edges, double[] weight) {

    /** @param where the field path, for errors */
    record Generator(String kind, Map<String, Double> params, String where) {
        double get(String name, double otherwise) {
            return params.getOrDefault(name, otherwise);
        }
    }

    /** One explicit link. */
    record Edge(String from, String to, double weight) {
    }

    static final String NETWORK = "network";
    private static final Set<String> FIELDS_ = Set.of("directed", "generator", "nodes", "edges", "edges_file",
            "weight");
    static final List<String> KINDS = List.of("erdos_renyi", "watts_strogatz", "barabasi_albert", "complete", "ring",
            "lattice");
    private static final Map<String, Set<String>> PARAMS = Map.of(
            "erdos_renyi", Set.of("p", "mean_degree"), "watts_strogatz", Set.of("k", "p"),
            "barabasi_albert", Set.of("m", "m0"), "complete", Set.of(), "ring", Set.of("k"),
            "lattice", Set.of("width", "height"));
    private static final Fields FIELDS = WorldSchema.FIELDS;

    /**
     * Reads and checks {@code network}, or null when the file has none.
     *
     * @param readFile reads a file named in the world file (relative to it, confined like script files)
     */
    static NetworkSpec read(JsonNode node, Population.Saved population, Set<String> scripts, Limits limits,
                            BiFunction<String, String, String> readFile) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode o = FIELDS.object(node, NETWORK);
        FIELDS.known(o, FIELDS_, NETWORK);
        JsonNode d = o.get("directed");
        if (d != null && !d.isBoolean() && !d.isNull()) {
            throw new WorldFileException(NETWORK + ".directed", "expected true or false, got " + Fields.describe(d));
        }
        boolean directed = d != null && d.booleanValue();
        List<String> nodes = null;
        if (o.has("nodes") && !o.get("nodes").isNull()) {
            JsonNode n = o.get("nodes");
            nodes = new ArrayList<>();
            for (JsonNode s : n.isArray() ? n : List.of(n)) {
                if (!s.isString() || !scripts.contains(s.stringValue())) {
                    throw new WorldFileException(NETWORK + ".nodes", "expected script ids (known: "
                            + String.join(", ", scripts) + "), got " + Fields.describe(s));
                }
                nodes.add(s.stringValue());
            }
        }
        double[] weight = weight(o.get("weight"));
        int given = (o.has("generator") ? 1 : 0) + (o.has("edges") ? 1 : 0) + (o.has("edges_file") ? 1 : 0);
        if (given > 1) {
            throw new WorldFileException(NETWORK, "give one of generator, edges and edges_file");
        }
        Set<String> ids = new HashSet<>();
        List<String> nodeIds = new ArrayList<>();
        for (var e : population.entities()) {
            ids.add(e.id());
            if (nodes == null || nodes.contains(e.script())) {
                nodeIds.add(e.id());
            }
        }
        if (o.has("generator")) {
            Generator g = generator(o.get("generator"));
            long expected = expectedLinks(g, nodeIds.size(), directed);
            if (expected > limits.maxLinks()) {
                throw new WorldFileException(g.where(), g.kind() + " on " + nodeIds.size() + " nodes makes about "
                        + expected + " links, above limits.max_links (" + limits.maxLinks() + "); lower its "
                        + "parameters or raise the limit");
            }
            return new NetworkSpec(directed, nodes, g, null, weight);
        }
        List<Edge> edges = new ArrayList<>();
        if (o.has("edges")) {
            JsonNode list = o.get("edges");
            if (!list.isArray()) {
                throw new WorldFileException(NETWORK + ".edges", "expected a list of [from, to] or [from, to, "
                        + "weight], got " + Fields.describe(list));
            }
            for (int i = 0; i < list.size(); i++) {
                edges.add(edge(list.get(i), NETWORK + ".edges[" + i + "]"));
            }
        } else if (o.has("edges_file")) {
            String file = FIELDS.requiredString(o, "edges_file", NETWORK);
            edges = csv(readFile.apply(file, NETWORK + ".edges_file"), file);
        }
        check(edges, ids, directed, limits, o.has("edges_file") ? NETWORK + ".edges_file" : NETWORK + ".edges");
        return new NetworkSpec(directed, nodes, null, edges, weight);
    }

    private static double[] weight(JsonNode w) {
        if (w == null || w.isNull()) {
            return new double[] {1, 1};
        }
        if (w.isNumber() && Double.isFinite(w.doubleValue())) {
            return new double[] {w.doubleValue(), w.doubleValue()};
        }
        if (w.isArray() && w.size() == 2 && w.get(0).isNumber() && w.get(1).isNumber()
                && w.get(0).doubleValue() <= w.get(1).doubleValue()
                && Double.isFinite(w.get(1).doubleValue() - w.get(0).doubleValue())) {
            return new double[] {w.get(0).doubleValue(), w.get(1).doubleValue()};
        }
        throw new WorldFileException(NETWORK + ".weight", "expected a finite number (every link's weight) or [lo, hi] "
                + "with lo <= hi (drawn uniformly), got " + Fields.describe(w));
    }

    private static Generator generator(JsonNode node) {
        String where = NETWORK + ".generator";
        ObjectNode g = FIELDS.object(node, where);
        String kind = FIELDS.requiredString(g, "kind", where);
        if (!PARAMS.containsKey(kind)) {
            throw new WorldFileException(where + ".kind", "unknown generator '" + kind + "' (known: "
                    + String.join(", ", KINDS) + "); for links of your own give network.edges or network.edges_file");
        }
        Set<String> allowed = new HashSet<>(PARAMS.get(kind));
        allowed.add("kind");
        FIELDS.known(g, allowed, where);
        Map<String, Double> params = new HashMap<>();
        for (String p : PARAMS.get(kind)) {
            if (g.has(p)) {
                params.put(p, FIELDS.optDouble(g, p, 0, where));
            }
        }
        return new Generator(kind, params, where);
    }

    private static Edge edge(JsonNode e, String where) {
        if (!e.isArray() || e.size() < 2 || e.size() > 3 || !e.get(0).isString() || !e.get(1).isString()
                || (e.size() == 3 && !(e.get(2).isNumber() && Double.isFinite(e.get(2).doubleValue())))) {
            throw new WorldFileException(where, "expected [from, to] or [from, to, weight] (ids and a number), got "
                    + Fields.describe(e));
        }
        return new Edge(e.get(0).stringValue(), e.get(1).stringValue(), e.size() == 3 ? e.get(2).doubleValue() : 1);
    }

    /**
     * {@code from,to[,weight]} per line (a weight of 1 when there is none); a first line {@code from,to} or
     * {@code from,to,weight} (any case) is a header and skipped; a blank line is skipped.
     */
    static List<Edge> csv(String text, String file) {
        List<Edge> edges = new ArrayList<>();
        CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).enable(CsvReadFeature.TRIM_SPACES)
                .build();
        List<String[]> rows;
        try {
            rows = csv.readerFor(String[].class).<String[]>readValues(text).readAll();
        } catch (RuntimeException e) {
            throw new WorldFileException(NETWORK + ".edges_file", "cannot read " + file + " as CSV: "
                    + e.getMessage());
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            String where = NETWORK + ".edges_file (" + file + " line " + (i + 1) + ")";
            if (r.length == 0 || (r.length == 1 && r[0].isBlank())) {
                continue;
            }
            if (r.length < 2 || r.length > 3) {
                throw new WorldFileException(where, "expected from,to or from,to,weight, got " + String.join(",", r));
            }
            if (i == 0 && r[0].equalsIgnoreCase("from") && r[1].equalsIgnoreCase("to")
                    && (r.length == 2 || r[2].equalsIgnoreCase("weight"))) {
                continue; // the header
            }
            Double w = r.length == 3 ? number(r[2]) : Double.valueOf(1);
            if (w == null) {
                throw new WorldFileException(where, "the weight '" + r[2] + "' is not a number");
            }
            edges.add(new Edge(r[0], r[1], w));
        }
        return edges;
    }

    private static Double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Every id known, no link to itself, none twice (either way round in an undirected network), within the cap. */
    private static void check(List<Edge> edges, Set<String> ids, boolean directed, Limits limits, String where) {
        if (edges.size() > limits.maxLinks()) {
            throw new WorldFileException(where, edges.size() + " links exceed limits.max_links ("
                    + limits.maxLinks() + "); raise the limit or give fewer");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            String at = where + (where.endsWith("edges") ? "[" + i + "]" : " (link " + (i + 1) + ")");
            for (String id : List.of(e.from(), e.to())) {
                if (!ids.contains(id)) {
                    throw new WorldFileException(at, "no entity '" + id + "' in this world; links join the ids of "
                            + "entities (generated ids are <script>-<k>)");
                }
            }
            if (e.from().equals(e.to())) {
                throw new WorldFileException(at, "a link from '" + e.from() + "' to itself; an entity cannot be its "
                        + "own neighbour");
            }
            String key = directed || e.from().compareTo(e.to()) < 0 ? e.from() + "\0" + e.to()
                    : e.to() + "\0" + e.from();
            if (!seen.add(key)) {
                throw new WorldFileException(at, "links '" + e.from() + "' and '" + e.to() + "' a second time"
                        + (directed ? "" : " (in an undirected network [a, b] and [b, a] are one link)")
                        + "; give each link once");
            }
        }
    }

    /** How many links {@code g} makes on {@code n} nodes (checked against the cap before building), or refuses it. */
    static long expectedLinks(Generator g, int n, boolean directed) {
        String w = g.where();
        long pairs = (long) n * (n - 1) / 2 * (directed ? 2 : 1);
        if (directed && !g.kind().equals("erdos_renyi") && !g.kind().equals("complete")) {
            throw new WorldFileException(NETWORK + ".directed", g.kind() + " makes an undirected network; leave "
                    + "directed out, or use erdos_renyi, complete or an edge list");
        }
        return switch (g.kind()) {
            case "erdos_renyi" -> Math.round(probability(g, n) * pairs);
            case "complete" -> pairs;
            case "watts_strogatz", "ring" -> {
                long k = k(g);
                if (k % 2 != 0 || k >= n) {
                    throw new WorldFileException(w + ".k", "must be even and below the number of nodes (" + n
                            + "), got " + k);
                }
                if (g.kind().equals("watts_strogatz")) {
                    rewiring(g);
                }
                yield n * k / 2;
            }
            case "barabasi_albert" -> {
                long m = m(g);
                long m0 = m0(g);
                if (m0 > n) {
                    throw new WorldFileException(w + ".m0", "the seed network of " + m0 + " nodes is larger than the "
                            + n + " nodes");
                }
                yield m0 * (m0 - 1) / 2 + (n - m0) * m;
            }
            case "lattice" -> {
                long[] size = lattice(g, n);
                yield size[1] * (size[0] - 1) + size[0] * (size[1] - 1);
            }
            default -> throw new IllegalStateException(g.kind());
        };
    }

    private static double probability(Generator g, int n) {
        if (g.params().containsKey("p") == g.params().containsKey("mean_degree")) {
            throw new WorldFileException(g.where(), "give p (the chance of each link) or mean_degree, one of them");
        }
        if (g.params().containsKey("p")) {
            return share(g, "p", 0);
        }
        double k = g.get("mean_degree", 0);
        if (!(k >= 0) || k > n - 1) {
            throw new WorldFileException(g.where() + ".mean_degree", "must be between 0 and the number of nodes - 1 ("
                    + (n - 1) + "), got " + Numbers.exact(k));
        }
        return n < 2 ? 0 : k / (n - 1);
    }

    private static double share(Generator g, String name, double otherwise) {
        double p = g.get(name, otherwise);
        if (!(p >= 0 && p <= 1)) {
            throw new WorldFileException(g.where() + "." + name, "must be a probability between 0 and 1, got "
                    + Numbers.exact(p));
        }
        return p;
    }

    // each parameter's default and bounds in one place, for the link count checked on reading and the build

    /** Neighbours each node has on the ring (watts_strogatz 4 by default, ring 2). */
    private static long k(Generator g) {
        return whole(g, "k", g.kind().equals("ring") ? 2 : 4, 2);
    }

    /** The chance each ring link is rewired (watts_strogatz, 0.1 by default). */
    private static double rewiring(Generator g) {
        return share(g, "p", 0.1);
    }

    /** Links each new node makes (barabasi_albert). */
    private static long m(Generator g) {
        return whole(g, "m", 2, 1);
    }

    /** Nodes of the complete seed network (barabasi_albert), m or 2, whichever is larger. */
    private static long m0(Generator g) {
        long m = m(g);
        return whole(g, "m0", Math.max(m, 2), m);
    }

    private static long whole(Generator g, String name, long otherwise, long min) {
        double v = g.get(name, otherwise);
        if (v != Math.rint(v) || v < min) {
            throw new WorldFileException(g.where() + "." + name, "must be a whole number >= " + min + ", got "
                    + Numbers.exact(v));
        }
        return (long) v;
    }

    private static long[] lattice(Generator g, int n) {
        long side = Math.round(Math.sqrt(n));
        long width = whole(g, "width", g.params().containsKey("height") ? n / Math.max(1, Math.round(
                g.get("height", 1))) : side, 1);
        long height = whole(g, "height", n / Math.max(1, width), 1);
        if (width * height != n) {
            throw new WorldFileException(g.where(), "width × height (" + width + " × " + height + ") must equal the "
                    + "number of nodes (" + n + ")");
        }
        return new long[] {width, height};
    }

    /** The links of a generated network on {@code n} nodes: pairs of node indexes, in the generator's order. */
    int[][] generate(int n, Random random) {
        Generator g = generator;
        // without JGraphT's index of vertex pairs (FastLookup), which costs hundreds of bytes a link: a generator's
        // duplicate check scans one vertex's few edges instead
        Graph<Integer, DefaultEdge> graph = new AbstractBaseGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.DEFAULT_EDGE_SUPPLIER, directed ? DefaultGraphType.directedSimple()
                : DefaultGraphType.simple(), new DefaultGraphSpecificsStrategy<>()) {
        };
        GraphGenerator<Integer, DefaultEdge, Integer> gen = switch (g.kind()) {
            // G(n, m) with the m checked on reading
            case "erdos_renyi" -> new GnmRandomGraphGenerator<>(n, (int) expectedLinks(g, n, directed), random,
                    false, false);
            case "complete" -> new CompleteGraphGenerator<>(n);
            case "watts_strogatz" -> new WattsStrogatzGraphGenerator<>(n, (int) k(g), rewiring(g),
                    false, random);
            case "ring" -> new WattsStrogatzGraphGenerator<>(n, (int) k(g), 0, false, random);
            case "barabasi_albert" -> new BarabasiAlbertGraphGenerator<>((int) m0(g), (int) m(g), n, random);
            case "lattice" -> {
                long[] size = lattice(g, n);
                yield new GridGraphGenerator<>((int) size[1], (int) size[0]);
            }
            default -> throw new IllegalStateException(g.kind());
        };
        if (n > 0) {
            gen.generateGraph(graph, null);
        }
        int[][] out = new int[graph.edgeSet().size()][];
        int i = 0;
        for (DefaultEdge e : graph.edgeSet()) {
            out[i++] = new int[] {graph.getEdgeSource(e), graph.getEdgeTarget(e)};
        }
        return out;
    }

    /** The scripts named in {@code nodes}, for a snapshot; null for every script. */
    Set<String> nodeScripts() {
        return nodes == null ? null : new LinkedHashSet<>(nodes);
    }
}
