package org.polysim.engine;

import java.util.Arrays;
import java.util.List;

/**
 * One entity's links (its neighbours and their weights), ordered by the neighbours' creation order: the order
 * {@code e.neighbors()} gives, the same however the links were made, so a snapshot need not remember it. Two arrays
 * grown by doubling keep a million links in tens of megabytes; lookups are binary searches on the creation serial.
 */
final class Links {

    private Entity[] peers = new Entity[4];
    private double[] weights = new double[4];
    private int size;
    /** The peers' ids, as {@code e.neighbors()} gives them: kept until the links change, so a read costs no copy. */
    private List<String> ids;

    Links() {
    }

    /** Links already in creation order (a network built at once). */
    Links(Entity[] peers, double[] weights) {
        this.peers = peers;
        this.weights = weights;
        this.size = peers.length;
    }

    int size() {
        return size;
    }

    /** The peers' ids in order (an unmodifiable list, the same one until the links change). */
    List<String> ids() {
        if (ids == null) {
            String[] out = new String[size];
            for (int i = 0; i < size; i++) {
                out[i] = peers[i].id;
            }
            ids = List.of(out);
        }
        return ids;
    }

    Entity peer(int i) {
        return peers[i];
    }

    double weight(int i) {
        return weights[i];
    }

    /** The index of {@code e}, or {@code -(insertion point) - 1}. */
    int find(Entity e) {
        int lo = 0, hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = peers[mid].serial;
            if (s < e.serial) {
                lo = mid + 1;
            } else if (s > e.serial) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** Adds a link to {@code e}, which must not be here. */
    void insert(int at, Entity e, double weight) {
        if (size == peers.length) {
            peers = Arrays.copyOf(peers, Math.max(4, size * 2));
            weights = Arrays.copyOf(weights, Math.max(4, size * 2));
        }
        System.arraycopy(peers, at, peers, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        peers[at] = e;
        weights[at] = weight;
        size++;
        ids = null;
    }

    void setWeight(int i, double weight) {
        weights[i] = weight;
    }

    void removeAt(int i) {
        System.arraycopy(peers, i + 1, peers, i, size - i - 1);
        System.arraycopy(weights, i + 1, weights, i, size - i - 1);
        peers[--size] = null;
        ids = null;
    }
}
