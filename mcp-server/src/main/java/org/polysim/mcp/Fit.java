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
 * share what is left; a list keeps its first items, an object its first fields, a long string its start (ending
 * in {@link #CUT}). The cut keeps every value's type, so a result still matches the output schema its tool declares:
 * nothing is ever put into a list or object to say what is missing; each place cut is given as a {@link Place}
 * instead, which the server reports under {@link #REPORT}.
 */
final class Fit {

    /** What a cut string ends with: says what is missing, so a reader never mistakes it for the whole text. */
    static final String CUT = "...cut: ";

    /** The result field that reports a cut, declared in every tool's output schema. */
    static final String REPORT = "cut";

    /**
     * The JSON Schema of {@link #REPORT}, declared in every tool's output schema: its type only, since every
     * conversation pays for tools/list (31 copies of its full shape were 21 KB of it). Its fields,
     * {@code {budget_bytes, places: [{path, shown, total, unit}], places_total}}, are in the guide ("Every response
     * fits in 64 KB") and the server's instructions.
     */
    static final Map<String, Object> REPORT_SCHEMA = Map.of("type", "object");

    /** Where a cut left something out: a JSON Pointer, and how many items, fields or characters were kept of all. */
    record Place(String path, int shown, int total, String unit) {
        ObjectNode toJson() {
            return Json.object().put("path", path).put("shown", shown).put("total", total).put("unit", unit);
        }
    }

    /** A value cut to a budget, and the places cut (empty when it fitted whole). */
    record Fitted(JsonNode value, List<Place> places) {
    }

    private Fit() {}

    static int size(JsonNode v) {
        return Json.compact(v).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * {@code v} itself if it fits in {@code budget} bytes, else a cut copy of the same type that does. A budget too
     * small for even a cut leaves an empty object, list or string, reported as one place at the root.
     */
    static Fitted fit(JsonNode v, int budget) {
        int size = size(v);
        if (size <= budget) {
            return new Fitted(v, List.of());
        }
        // each try shares a smaller budget: nested cuts estimate sizes, so a first try can overshoot a little
        for (int room = budget; room >= 64; room = room * 3 / 4) {
            List<Place> places = new ArrayList<>();
            JsonNode out = cut(v, size, room, "", places);
            if (size(out) <= budget) {
                return new Fitted(out, places);
            }
        }
        if (v.isObject()) {
            return new Fitted(Json.object(), List.of(new Place("", 0, v.size(), "fields")));
        }
        if (v.isArray()) {
            return new Fitted(Json.F.arrayNode(), List.of(new Place("", 0, v.size(), "items")));
        }
        if (v.isString()) {
            return new Fitted(Json.F.stringNode(""), List.of(new Place("", 0, v.stringValue().length(),
                    "characters")));
        }
        return new Fitted(v, List.of()); // a number or boolean: nothing to cut
    }

    private static JsonNode cut(JsonNode v, int size, int budget, String path, List<Place> places) {
        if (size <= budget) {
            return v;
        }
        if (v.isString()) {
            String s = v.stringValue();
            int keep = Math.max(0, Math.min(s.length(), (budget - 40) / 2)); // a char may take several bytes
            if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
                keep--; // never half a character
            }
            places.add(new Place(path, keep, s.length(), "characters"));
            return Json.F.stringNode(s.substring(0, keep) + CUT + (s.length() - keep) + " more characters");
        }
        if (v.isArray()) {
            ArrayNode out = Json.F.arrayNode();
            int used = 2;
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                int n = size(item) + 1;
                if (used + n > budget) {
                    if (i == 0 && budget - used > 64) { // one huge item: keep a cut of it rather than nothing
                        out.add(cut(item, n - 1, budget - used, path + "/0", places));
                    }
                    places.add(new Place(path, out.size(), v.size(), "items"));
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
            for (var e : v.properties()) {
                int n = size(e.getValue()) + e.getKey().length() + 4;
                if (used + n > budget) {
                    break;
                }
                out.set(e.getKey(), e.getValue());
                used += n;
            }
            places.add(new Place(path, out.size(), v.size(), "fields"));
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
                out.set(e.getKey(), n <= room ? e.getValue()
                        : cut(e.getValue(), n, Math.max(room, 16), path + "/" + pointerToken(e.getKey()), places));
            });
            return out;
        }
        return v;
    }

    /** A field name as a JSON Pointer token (RFC 6901: '~' and '/' escaped). */
    private static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
