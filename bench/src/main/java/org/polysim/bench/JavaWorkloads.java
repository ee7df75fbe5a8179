package org.polysim.bench;

import java.util.List;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.InboxMessage;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor: each workload as a plain Java controller through the engine's SPI, language {@code java}, whose
 * "source" is the workload's name. It pays everything the engine charges (scheduling, commands, the message queue,
 * JSON states) and nothing a guest language does. Registered through {@code META-INF/services} of this module only.
 */
public final class JavaWorkloads implements ControllerProvider {

    @Override
    public String language() {
        return "java";
    }

    @Override
    public String runtime() {
        return "plain Java (benchmark floor)";
    }

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        if (SpatialModel.ofOrNull(source.code().strip()) != null) {
            return JavaSpatialModels.controller(source.code().strip());
        }
        Workload w;
        try {
            w = Workload.of(source.code().strip());
        } catch (IllegalArgumentException e) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "java workloads are wealth, compute and chatter",
                    1);
        }
        return switch (w) {
            case WEALTH -> (Update) JavaWorkloads::wealth;
            case COMPUTE -> (Update) JavaWorkloads::compute;
            case CHATTER -> (Update) JavaWorkloads::chatter;
        };
    }

    /** A controller with only an update; init does nothing. */
    @FunctionalInterface
    private interface Update extends Controller {
        @Override
        default void init(EntityContext entity) {}

        @Override
        void update(EntityContext entity);
    }

    private static void wealth(EntityContext e) {
        ObjectNode s = e.state().deepCopy(); // states are replaced, never mutated (the engine keeps the old one)
        long wealth = s.get("wealth").asLong() + sum(e.inbox());
        if (wealth > 0) {
            wealth--;
            e.send("agent-" + e.random(1, e.params().get("n").asLong()), "coin", IntNode.valueOf(1), null);
        }
        e.setState(s.put("wealth", wealth));
    }

    private static void compute(EntityContext e) {
        ObjectNode s = e.state().deepCopy();
        double x = s.get("x").asDouble();
        double acc = s.get("acc").asDouble();
        for (int i = 0, work = e.params().get("work").asInt(); i < work; i++) {
            x = 3.9 * x * (1 - x);
            acc = acc + x * x;
        }
        e.setState(s.put("x", x).put("acc", acc));
    }

    private static void chatter(EntityContext e) {
        ObjectNode s = e.state().deepCopy();
        s.put("sum", s.get("sum").asLong() + sum(e.inbox()));
        long n = e.params().get("n").asLong();
        for (int k = 1, fanout = e.params().get("fanout").asInt(); k <= fanout; k++) {
            e.send("agent-" + e.random(1, n), "ping", IntNode.valueOf(k), null);
        }
        e.setState(s);
    }

    private static long sum(List<InboxMessage> inbox) {
        long sum = 0;
        for (InboxMessage m : inbox) {
            sum += m.content().asLong();
        }
        return sum;
    }
}
