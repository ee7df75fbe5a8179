package org.polysim.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Quantities grouped by the size of their values, for a chart's panels: on one axis a line many times smaller than
 * another is drawn flat, so quantities share a panel only when their sizes are close.
 *
 * <p>A quantity's size is its largest absolute value. Sorted by size, a group takes the next quantity while that is
 * at most {@code apart} times the group's smallest, so every group spans at most that factor and the groups are as
 * few as that allows. Past {@code most} groups, the two neighbours whose union spans the smallest factor merge
 * until there are {@code most}: the nearest scales share a panel and the farthest keep theirs. A quantity with no
 * size (always zero, or no value in the window) is flat on any axis and joins the smallest group.
 */
final class ScaleGroups {

    private ScaleGroups() {}

    /**
     * @param sizes each quantity's size, in the order the quantities are drawn
     * @return the groups, each in drawing order, ordered by their first member (so the first quantity's panel is on
     *         top and the panels read in the legend's order)
     */
    static List<List<String>> of(Map<String, Double> sizes, double apart, int most) {
        List<String> order = List.copyOf(sizes.keySet());
        List<String> sized = order.stream().filter(q -> sized(sizes.get(q)))
                .sorted(Comparator.comparingDouble(sizes::get)).toList();
        List<List<String>> groups = bySize(sized, sizes, apart);
        while (groups.size() > most) {
            int nearest = nearestNeighbours(groups, sizes);
            groups.get(nearest).addAll(groups.remove(nearest + 1));
        }
        List<String> unsized = order.stream().filter(q -> !sized(sizes.get(q))).toList();
        if (groups.isEmpty()) {
            groups.add(new ArrayList<>());
        }
        groups.getFirst().addAll(unsized);
        groups.forEach(g -> g.sort(Comparator.comparingInt(order::indexOf)));
        groups.sort(Comparator.comparingInt(g -> order.indexOf(g.getFirst())));
        return groups.stream().map(List::copyOf).toList();
    }

    private static boolean sized(double size) {
        return size > 0 && Double.isFinite(size);
    }

    /** Groups of quantities sorted by size, each spanning at most {@code apart} times. */
    private static List<List<String>> bySize(List<String> sorted, Map<String, Double> sizes, double apart) {
        List<List<String>> groups = new ArrayList<>();
        for (String q : sorted) {
            if (groups.isEmpty() || sizes.get(q) > apart * sizes.get(groups.getLast().getFirst())) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(q);
        }
        return groups;
    }

    /** The index of the group whose union with the next spans the smallest factor. */
    private static int nearestNeighbours(List<List<String>> groups, Map<String, Double> sizes) {
        int nearest = 0;
        double smallestSpan = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < groups.size(); i++) {
            double span = sizes.get(groups.get(i + 1).getLast()) / sizes.get(groups.get(i).getFirst());
            if (span < smallestSpan) {
                smallestSpan = span;
                nearest = i;
            }
        }
        return nearest;
    }
}
