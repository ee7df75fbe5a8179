package org.polysim.mcp;

import org.polysim.engine.Message;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How engine values look in tool results (and, for numbers, in the command line's tables). */
public final class Views {

    private Views() {}

    static ObjectNode overview(World w, ServerState state) {
        ObjectNode out = Json.object().put("world_name", w.name()).put("time", w.time()).put("tick", w.tick())
                .put("dt", w.dt()).put("seed", w.seed()).put("entities", w.entityCount());
        ObjectNode byScript = out.putObject("entities_by_script");
        w.countsByScript().forEach(byScript::put);
        ObjectNode scripts = out.putObject("scripts");
        w.scriptLanguages().forEach(scripts::put);
        out.put("pending_messages", w.pendingMessages()).put("dropped_messages", w.droppedMessages());
        ArrayNode metrics = out.putArray("metrics");
        w.metricNames().forEach(metrics::add);
        out.put("snapshots", state.snapshots.list(w.name()).size());
        out.set("params", w.snapshotParams());
        return out;
    }

    static ObjectNode message(Message m, double dt) {
        ObjectNode o = Json.object().put("from", m.from()).put("to", m.to()).put("kind", m.kind());
        o.set("content", m.content());
        o.put("sent_at", m.sentAt()).put("delivered_at", m.deliverTick() * dt);
        return o;
    }

    /** A metric's statistics. */
    static ObjectNode stats(MetricView m) {
        return Json.object().put("name", m.name()).put("count", m.count()).put("total", m.total())
                .put("mean", m.mean()).put("min", m.min()).put("max", m.max()).put("last", m.last());
    }

    /** A metric's statistics and its series, averaged into at most {@code maxPoints} buckets. */
    static ObjectNode metric(MetricView m, int maxPoints) {
        ObjectNode o = stats(m);
        int n = m.values().length;
        ArrayNode times = o.putArray("times");
        ArrayNode values = o.putArray("values");
        if (n <= maxPoints) {
            for (int i = 0; i < n; i++) {
                times.add(m.times()[i]);
                values.add(m.values()[i]);
            }
            o.put("downsampled", false);
        } else {
            // bucket means, stamped with each bucket's last time; min and max above keep the extremes
            for (int b = 0; b < maxPoints; b++) {
                int from = (int) ((long) b * n / maxPoints);
                int to = (int) ((long) (b + 1) * n / maxPoints);
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += m.values()[i];
                }
                times.add(m.times()[to - 1]);
                values.add(sum / (to - from));
            }
            o.put("downsampled", true);
        }
        return o;
    }

    /** A whole number without ".0", anything else to six significant digits. */
    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
