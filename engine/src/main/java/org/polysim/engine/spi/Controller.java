package org.polysim.engine.spi;

/**
 * One library script compiled for one world: the scheduler's only view of behaviour. The engine calls it from one
 * thread at a time per world.
 */
public interface Controller extends AutoCloseable {

    /** A new entity (from the world definition or a spawn): run the script's {@code init}, if any. */
    void init(EntityContext entity) throws ScriptException;

    /** One tick of one entity: run the script's {@code update} with the entity's inbox. */
    void update(EntityContext entity) throws ScriptException;

    /**
     * The updates of a run of consecutive entities of this script ({@link Turns}): by default one {@link #update}
     * each. A controller whose calls into its guest cost more than the little an update does overrides it to enter
     * the guest once per run; it must take every turn, one after another, until {@link Turns#next} gives null.
     */
    default void updateAll(Turns turns) throws ScriptException {
        for (EntityContext e = turns.next(); e != null; e = turns.next()) {
            update(e);
        }
    }

    /**
     * An existing entity enters this controller with the state in {@code entity.state()}: after a snapshot is
     * loaded or a failed tick is rolled back. Controllers that keep per-entity guest data resynchronise it here.
     */
    default void restore(EntityContext entity) throws ScriptException {}

    /** The entity was destroyed or rolled away; drop anything kept for it. */
    default void forget(String entityId) {}

    /** The world is gone; release guest resources. */
    @Override
    default void close() {}
}
