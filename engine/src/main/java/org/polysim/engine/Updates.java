package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.Turns;
import org.polysim.engine.spi.Turns.Upcoming;

/**
 * Step 3 of a tick as runs of consecutive entities with one controller ({@link Turns}): the engine's bookkeeping of
 * each update (rollback, trace, who is calling) happens here, as the controller takes its turns, so a controller that
 * runs a whole run in one guest call leaves the same trace, log and errors as one call per entity.
 */
final class Updates implements Turns {

    private final Change change;
    private final WorldParts world;
    private final List<Entity> order;
    private final boolean tracing;
    private int next;
    private Controller controller;
    /** The entity whose update is in progress, or null; and its trace slot. */
    private Entity updating;
    private int slot = -1;

    private Updates(Change change, List<Entity> order) {
        this.change = change;
        this.world = change.world;
        this.order = order;
        this.tracing = world.trace.begin(world.limits, order.size(), world.clock.tick, world.time());
    }

    /** Updates every entity of {@code order} still alive when its turn comes. */
    static void run(Change change, List<Entity> order) throws ScriptException {
        Updates updates = new Updates(change, order);
        while (updates.more()) {
            updates.take();
        }
    }

    /** Whether a live entity is still to be updated. */
    private boolean more() {
        skipDead();
        return next < order.size();
    }

    /** The run that starts at the next live entity, by its script's controller. */
    private void take() throws ScriptException {
        Script script = order.get(next).script;
        int from = next;
        controller = script.controller();
        controller.updateAll(this);
        end();
        if (next == from) { // a controller that takes no turn would be asked again for ever
            throw new IllegalStateException("the " + script.language() + " controller of script '" + script.id()
                    + "' took no turn (Controller.updateAll must call Turns.next)");
        }
    }

    @Override
    public EntityContext next() {
        end();
        skipDead();
        if (next == order.size() || order.get(next).script.controller() != controller) {
            return null;
        }
        Entity e = order.get(next++);
        updating = e;
        world.population.touch(e);
        change.entering(e);
        slot = tracing ? world.trace.start(e) : -1;
        return EntityCall.update(change, e, slot);
    }

    @Override
    public List<Upcoming> ahead(int max) {
        List<Upcoming> out = new ArrayList<>(Math.min(max, order.size() - next + 1));
        if (updating != null && max > 0) {
            out.add(new Upcoming(updating.id, updating.state, updating.inbox));
        }
        for (int i = next; i < order.size() && out.size() < max; i++) {
            Entity e = order.get(i);
            if (e.script.controller() != controller) {
                break;
            }
            if (e.alive) {
                out.add(new Upcoming(e.id, e.state, e.inbox));
            }
        }
        return out;
    }

    /** The update in progress, if any, is over. */
    private void end() {
        if (updating != null && tracing) {
            world.trace.end(slot, updating);
        }
        updating = null;
    }

    private void skipDead() {
        while (next < order.size() && !order.get(next).alive) {
            next++; // destroyed earlier in this tick
        }
    }
}
