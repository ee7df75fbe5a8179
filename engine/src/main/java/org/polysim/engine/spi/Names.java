package org.polysim.engine.spi;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** "Did you mean": the names an author meant, for refusals of files, fields and entity members alike. */
public final class Names {

    private Names() {}

    /** The known name closest to a misspelt one (by edit distance, at most half its length), or null. */
    public static String nearest(String key, Set<String> known) {
        return nearest(key, known, Math.max(2, key.length() / 2));
    }

    /** The known name closest to a misspelt one, at most {@code most} edits away, or null. */
    public static String nearest(String key, Set<String> known, int most) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= most ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
