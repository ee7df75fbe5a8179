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
