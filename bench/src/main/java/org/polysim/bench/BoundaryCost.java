package org.polysim.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one crossing into a Graal guest costs, apart from polysim: a bare call from Java into a guest function, the
 * same call parsing and re-serialising a small state in the guest (what every polysim call must do while states
 * are JSON owned by the engine), and reading that text back into a Jackson tree on the host; and the
 * {@code compute} kernel (1000 logistic-map steps) with and without the statement limit polysim sets on every
 * context. Prints {@code RESULT <json>} with microseconds per call, medians of 10 rounds after 10 untimed ones.
 *
 * <p>usage: {@code BoundaryCost js|python}
 */
public final class BoundaryCost {

    private static final String STATE = "{\"x\": 0.3, \"acc\": 1.5}";
    private static final int CALLS = 200_000;

    private BoundaryCost() {}

    public static void main(String[] args) {
        String language = args[0];
        boolean js = language.equals("js");
        ObjectNode out = Workload.JSON.createObjectNode().put("language", language);
        try (Engine engine = Engine.newBuilder(language).option("engine.WarnInterpreterOnly", "false").build();
             Context context = Context.newBuilder(language).engine(engine).build()) {
            Value bare = context.eval(language, js ? "(function(id, text) { return null; })"
                    : "lambda id, text: None");
            Value roundTrip = context.eval(language, js
                    ? "(function(id, text) { const s = JSON.parse(text); s.x = s.x + 1; return JSON.stringify(s); })"
                    : "import marshal\n(lambda id, text: marshal.dumps(marshal.loads(text.encode('latin-1')), 2)"
                    + ".decode('latin-1'))");
            String text = js ? STATE : context.eval(language, "import marshal\nmarshal.dumps({'x': 0.3, 'acc': 1.5}, 2)"
                    + ".decode('latin-1')").asString();
            out.put("bare_call_us", perCall(() -> bare.execute("agent-1", text)));
            out.put("state_round_trip_us", perCall(() -> roundTrip.execute("agent-1", text).asString()));
            out.put("host_json_parse_us", perCall(() -> Workload.JSON.readTree(STATE)));
            out.put("compute_us", compute(context, language));
        }
        try (Engine engine = Engine.newBuilder(language).option("engine.WarnInterpreterOnly", "false").build();
             Context limited = Context.newBuilder(language).engine(engine).resourceLimits(ResourceLimits.newBuilder()
                     .statementLimit(Long.MAX_VALUE, null).build()).build()) {
            out.put("compute_statement_limit_us", compute(limited, language));
        }
        System.out.println("RESULT " + out);
        System.exit(0);
    }

    /** The compute workload's kernel called from Java, per call. */
    private static double compute(Context context, String language) {
        Value kernel = context.eval(language, language.equals("js")
                ? "(function(x) { let acc = 0; for (let i = 0; i < 1000; i++) { x = 3.9 * x * (1 - x); "
                + "acc = acc + x * x; } return acc; })"
                : "def kernel(x):\n    acc = 0.0\n    for _ in range(1000):\n        x = 3.9 * x * (1 - x)\n"
                + "        acc = acc + x * x\n    return acc\nkernel");
        return perCall(() -> kernel.execute(0.3).asDouble(), CALLS / 20);
    }

    private static double perCall(Runnable call) {
        return perCall(call, CALLS);
    }

    private static double perCall(Runnable call, int calls) {
        double[] rounds = new double[10];
        for (int r = -10; r < rounds.length; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            if (r >= 0) {
                rounds[r] = (System.nanoTime() - t) / 1e3 / calls;
            }
        }
        return Math.round(Stats.of(rounds).median() * 1000) / 1000.0;
    }
}
