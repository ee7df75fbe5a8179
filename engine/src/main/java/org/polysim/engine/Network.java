package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The links between entities (DESIGN.md "Networks and broadcasts"): world data like positions, kept on each entity
 * as its {@link Links}, so {@code e.neighbors()} is one array walk. Every world has one, empty until a file declares
 * a network or a script links two entities; undirected unless the file says {@code directed: true}. In a directed
 * network an entity's neighbours are its successors.
 *
 * <p>Rollback: a journal of the links made, cut and re-weighted since {@link #begin}, undone newest first; a destroyed
 * entity's links are cut through the same journal, so a rolled-back destroy gets them back.
 */
final class Network implements Part {

    private final boolean directed;
    /** Whether the world file declared a network: a snapshot keeps saying so, even with no links left. */
    private final boolean declared;
    private final Set<String> nodeScripts;
    private final long cap;
    private final Population population;
    private long count;

    private record Op(Entity a, Entity b, double weight, boolean made) {
    }

    private final List<Op> journal = new ArrayList<>();
    private long startCount;

    Network(NetworkSpec spec, Population population, long cap) {
        this.directed = spec != null && spec.directed();
        this.declared = spec != null;
        this.nodeScripts = spec == null ? null : spec.nodeScripts();
        this.population = population;
        this.cap = cap;
    }

    boolean declared() {
        return declared;
    }

    boolean directed() {
        return directed;
    }

    long count() {
        return count;
    }

    /** Whether {@code e} is one of the network's nodes: its script is named in {@code nodes}, or none are. */
    boolean node(Entity e) {
        return nodeScripts == null || nodeScripts.contains(e.script.id()) || (e.out != null && e.out.size() > 0)
                || (e.in != null && e.in.size() > 0);
    }

    /**
     * Builds the file's links on a world just created: the generator's nodes are the file's own entities (of the node
     * scripts, in creation order), not those their inits spawned, so the counts checked on reading hold. Links the
     * inits made stay: when there are any, each file link is made as {@code e.link} makes one (a link both made is
     * made once, with the file's weight); otherwise all at once. Not journaled: nothing to roll back to.
     *
     * @param fileIds the ids the file's entities have
     */
    void build(NetworkSpec spec, List<Entity> live, java.util.Set<String> fileIds, long seed) {
        List<Entity> nodes = live.stream().filter(e -> fileIds.contains(e.id)
                && (spec.nodes() == null || spec.nodes().contains(e.script.id()))).toList();
        boolean linkedAlready = count > 0;
        Random random = new Random(Rng.derive(seed, "network").nextLong());
        if (spec.generator() != null) {
            int[][] pairs = spec.generate(nodes.size(), random);
            double lo = spec.weight()[0], hi = spec.weight()[1];
            double[] weights = new double[pairs.length];
            for (int k = 0; k < pairs.length; k++) {
                weights[k] = lo == hi ? lo : lo + (hi - lo) * random.nextDouble();
            }
            if (!linkedAlready) {
                sorted(nodes, pairs, weights);
                return;
            }
            for (int k = 0; k < pairs.length; k++) {
                link(nodes.get(pairs[k][0]), nodes.get(pairs[k][1]), weights[k]);
            }
        } else {
            for (NetworkSpec.Edge e : spec.edges()) {
                link(population.get(e.from()), population.get(e.to()), e.weight());
            }
        }
        journal.clear();
    }

    /**
     * Each node's links at once from a generator's pairs of node indexes: per node, (neighbour index, link number)
     * packed in a long and sorted, so its links come out in creation order (the nodes are in it) with their weights,
     * without an object per link.
     */
    private void sorted(List<Entity> nodes, int[][] pairs, double[] weights) {
        int n = nodes.size();
        int[] outs = new int[n], ins = new int[n];
        for (int[] p : pairs) {
            outs[p[0]]++;
            if (directed) {
                ins[p[1]]++;
            } else {
                outs[p[1]]++;
            }
        }
        long[][] out = new long[n][], in = new long[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new long[outs[i]];
            in[i] = directed ? new long[ins[i]] : null;
        }
        java.util.Arrays.fill(outs, 0);
        java.util.Arrays.fill(ins, 0);
        for (int k = 0; k < pairs.length; k++) {
            int a = pairs[k][0], b = pairs[k][1];
            out[a][outs[a]++] = (long) b << 32 | k;
            if (directed) {
                in[b][ins[b]++] = (long) a << 32 | k;
            } else {
                out[b][outs[b]++] = (long) a << 32 | k;
            }
        }
        for (int i = 0; i < n; i++) {
            nodes.get(i).out = links(out[i], nodes, weights);
            if (directed) {
                nodes.get(i).in = links(in[i], nodes, weights);
            }
            out[i] = null;
        }
        count += pairs.length;
    }

    private static Links links(long[] packed, List<Entity> nodes, double[] weights) {
        if (packed.length == 0) {
            return null;
        }
        java.util.Arrays.sort(packed);
        Entity[] peers = new Entity[packed.length];
        double[] w = new double[packed.length];
        for (int i = 0; i < packed.length; i++) {
            peers[i] = nodes.get((int) (packed[i] >>> 32));
            w[i] = weights[(int) packed[i]];
        }
        return new Links(peers, w);
    }

    private static Links out(Entity e) {
        return e.out == null ? e.out = new Links() : e.out;
    }

    private static Links in(Entity e) {
        return e.in == null ? e.in = new Links() : e.in;
    }

    /**
     * Links {@code a} to {@code b} now ({@code weight} null: 1); returns false, setting the weight if one is given,
     * when they were linked already.
     */
    boolean link(Entity a, Entity b, Double weight) {
        int i = out(a).find(b);
        if (i >= 0) {
            double old = a.out.weight(i);
            if (weight != null && old != weight) {
                journal.add(new Op(a, b, old, false));
                a.out.setWeight(i, weight);
                Links back = directed ? b.in : b.out;
                back.setWeight(back.find(a), weight);
                journal.add(new Op(a, b, weight, true));
            }
            return false;
        }
        if (count >= cap) {
            throw new IllegalArgumentException("link: the network holds limits.max_links (" + cap + ") links; unlink "
                    + "some or raise the limit");
        }
        double w = weight == null ? 1 : weight;
        make(a, b, w, -i - 1);
        journal.add(new Op(a, b, w, true));
        return true;
    }

    private void make(Entity a, Entity b, double weight, int at) {
        a.out.insert(at, b, weight);
        Links back = directed ? in(b) : out(b);
        back.insert(-back.find(a) - 1, a, weight);
        count++;
    }

    /** Cuts the link from {@code a} to {@code b}; false when there was none. */
    boolean unlink(Entity a, Entity b) {
        int i = a.out == null ? -1 : a.out.find(b);
        if (i < 0) {
            return false;
        }
        journal.add(new Op(a, b, a.out.weight(i), false));
        cut(a, b, i);
        return true;
    }

    private void cut(Entity a, Entity b, int i) {
        a.out.removeAt(i);
        Links back = directed ? b.in : b.out;
        back.removeAt(back.find(a));
        count--;
    }

    /** A destroyed entity's links go with it. */
    void isolate(Entity e) {
        while (e.out != null && e.out.size() > 0) {
            unlink(e, e.out.peer(e.out.size() - 1));
        }
        while (directed && e.in != null && e.in.size() > 0) {
            unlink(e.in.peer(e.in.size() - 1), e);
        }
    }

    @Override
    public void begin() {
        journal.clear();
        startCount = count;
    }

    @Override
    public void rollback() {
        for (int k = journal.size() - 1; k >= 0; k--) {
            Op op = journal.get(k);
            int i = op.a().out == null ? -1 : op.a().out.find(op.b());
            if (op.made()) {
                cut(op.a(), op.b(), i);
            } else {
                make(op.a(), op.b(), op.weight(), -i - 1);
            }
        }
        journal.clear();
        count = startCount;
    }

    /**
     * {@code network: {directed, nodes, edges: [[from, to, weight?], ...]}}: the links as they are, each once, in
     * creation order of their ends (a weight of 1 left out); nothing when the world never had a network.
     */
    @Override
    public void write(ObjectNode snapshot) {
        if (!declared && count == 0) {
            return;
        }
        ObjectNode n = snapshot.putObject(NetworkSpec.NETWORK);
        if (directed) {
            n.put("directed", true);
        }
        if (nodeScripts != null) {
            ArrayNode scripts = n.putArray("nodes");
            nodeScripts.forEach(scripts::add);
        }
        ArrayNode edges = n.putArray("edges");
        forEachLink((a, b, weight) -> {
            ArrayNode edge = edges.addArray().add(a.id).add(b.id);
            if (weight != 1) {
                edge.add(Numbers.node(weight));
            }
        });
    }

    /** What {@link #forEachLink} calls for each link. */
    @FunctionalInterface
    interface LinkVisitor {
        void link(Entity from, Entity to, double weight);
    }

    /**
     * Each link once, in creation order of its ends: from the older end of an undirected one, from its source in a
     * directed network. A snapshot writes them so, and a {@link NetworkView} holds them so.
     */
    void forEachLink(LinkVisitor visitor) {
        for (Entity e : population.liveInOrder()) {
            Links l = e.out;
            for (int i = 0; l != null && i < l.size(); i++) {
                if (directed || e.serial < l.peer(i).serial) {
                    visitor.link(e, l.peer(i), l.weight(i));
                }
            }
        }
    }
}
