package org.polysim.mcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cuts a JSON value down to a byte budget, so no tool answer can flood a model's context. Tools page their own
 * lists first (cursors, offsets, filters); this is the net under them for what paging cannot foresee, such as one
 * entity whose state holds a list of 100,000 numbers. Deterministic: small fields are kept whole, the large ones
 * share what is left; a list keeps its first items and says how many were cut; a long string keeps its start.
 */
final class Fit {

    /** What a cut list or string ends with: says what is missing, so a reader never mistakes it for the data. */
    static final String CUT = "...cut: ";

    private Fit() {}

    static int size(JsonNode v) {
        return Json.compact(v).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** {@code v} itself if it fits in {@code budget} bytes, else a cut copy that does. */
    static JsonNode fit(JsonNode v, int budget) {
        int size = size(v);
        if (size <= budget) {
            return v;
        }
        JsonNode out = cut(v, size, Math.max(budget, 64));
        if (size(out) <= budget) {
            return out;
        }
        String text = Json.compact(v); // nothing structural left to cut: show its start as text
        return Json.F.stringNode(text.substring(0, Math.max(0, (budget - 40) / 2)) + CUT + text.length()
                + " characters of JSON in all");
    }

    private static JsonNode cut(JsonNode v, int size, int budget) {
        if (size <= budget) {
            return v;
        }
        if (v.isString()) {
            String s = v.stringValue();
            int keep = Math.max(0, Math.min(s.length(), (budget - 40) / 2)); // a char may take several bytes
            return Json.F.stringNode(s.substring(0, keep) + CUT + (s.length() - keep) + " more characters");
        }
        if (v.isArray()) {
            ArrayNode out = Json.F.arrayNode();
            int used = 2;
            int room = budget - 48; // the closing marker
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                int n = size(item) + 1;
                if (used + n > room) {
                    if (i == 0 && room - used > 64) { // one huge item: keep a cut of it rather than nothing
                        out.add(cut(item, n - 1, room - used));
                        i++;
                    }
                    out.add(CUT + (v.size() - i) + " more items of " + v.size());
                    return out;
                }
                out.add(item);
                used += n;
            }
            return out;
        }
        if (v.isObject() && v.size() * 32 > budget) { // too many fields to share: keep the first ones
            ObjectNode out = Json.object();
            int used = 2;
            int kept = 0;
            for (var e : v.properties()) {
                int n = size(e.getValue()) + e.getKey().length() + 4;
                if (used + n > budget - 64) {
                    break;
                }
                out.set(e.getKey(), e.getValue());
                used += n;
                kept++;
            }
            out.put(CUT, (v.size() - kept) + " more fields of " + v.size());
            return out;
        }
        if (v.isObject()) {
            // water-filling: fields smaller than an equal share keep everything, the rest split what remains
            Map<String, Integer> sizes = new LinkedHashMap<>();
            v.properties().forEach(e -> sizes.put(e.getKey(), size(e.getValue()) + e.getKey().length() + 4));
            List<String> bySize = new ArrayList<>(sizes.keySet());
            bySize.sort(Comparator.comparingInt(sizes::get));
            Map<String, Integer> share = new LinkedHashMap<>();
            int left = budget - 2;
            for (int i = 0; i < bySize.size(); i++) {
                String k = bySize.get(i);
                int fair = left / (bySize.size() - i);
                int give = Math.min(sizes.get(k), fair);
                share.put(k, give);
                left -= give;
            }
            ObjectNode out = Json.object();
            v.properties().forEach(e -> {
                int room = share.get(e.getKey()) - e.getKey().length() - 4;
                int n = sizes.get(e.getKey()) - e.getKey().length() - 4;
                out.set(e.getKey(), n <= room ? e.getValue() : cut(e.getValue(), n, Math.max(room, 16)));
            });
            return out;
        }
        return v;
    }
}
