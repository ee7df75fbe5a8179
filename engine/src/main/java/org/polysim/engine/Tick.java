package org.polysim.engine;

import java.util.List;
import org.polysim.engine.spi.ScriptException;

/**
 * One tick (DESIGN.md "One tick") on top of a {@link Change}: time moves on, due messages are delivered, every live
 * entity is updated in schedule order, the buffered commands apply, the layers evolve, and the change commits (which
 * closes the tick's metrics). Any failure rolls the whole change back.
 */
final class Tick {

    private final Change change;
    private final WorldParts world;

    Tick(Change change) {
        this.change = change;
        this.world = change.world;
    }

    /** Runs the tick; returns the number of messages delivered. */
    long run() throws SimulationException {
        world.clock.advance();                                       // 1. time += dt
        List<Entity> order = order();
        long delivered;
        try {
            delivered = deliver();                                   // 2. deliver what is due
            Updates.run(change, order);                              // 3. update in schedule order
            world.calling(null);
            change.apply();                                          // 4. apply the commands
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw change.rollback(e);
        } finally {
            order.forEach(e -> e.inbox.clear());
        }
        if (world.layers != null) {
            world.layers.evolve();                                   // the environment's own step
        }
        change.commit(true);                                         // 5. close metrics, log, trace
        return delivered;
    }

    /** Every queued message due now goes to its recipient's inbox, in (deliver_at, send sequence) order. */
    private long deliver() {
        long delivered = 0;
        for (Message m : world.mail.due(world.clock.tick)) {
            if (m.reach() != null) { // a broadcast in space: whoever is within reach now
                Message.Reach r = m.reach();
                for (Entity to : world.space.near(world.population.get(m.from()), r.at(), r.radius(), r.script(),
                        "broadcast")) {
                    Message copy = m.to(to.id);
                    to.inbox.add(copy);
                    change.delivered(copy);
                    delivered++;
                }
                continue;
            }
            Entity to = world.population.get(m.to());
            if (to == null) {
                change.dropped(m);
            } else {
                to.inbox.add(m);
                change.delivered(m);
                delivered++;
            }
        }
        return delivered;
    }

    /** Live entities in creation order, or a fresh seeded shuffle of them ({@code schedule: random}). */
    private List<Entity> order() {
        List<Entity> order = world.population.liveInOrder();
        if (world.randomSchedule) {
            for (int i = order.size() - 1; i > 0; i--) {
                int j = (int) world.clock.schedule.between(0, i);
                Entity t = order.get(i);
                order.set(i, order.get(j));
                order.set(j, t);
            }
        }
        return order;
    }
}
