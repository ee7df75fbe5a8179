/**
 * The polysim engine: worlds of entities that talk by delayed JSON messages and advance in discrete, atomic ticks.
 *
 * <p>Public surface: {@link org.polysim.engine.World} (create from a world file, advance, snapshot, copy),
 * {@link org.polysim.engine.WorldFiles} (YAML/JSON in and out), {@link org.polysim.engine.Fields} and
 * {@link org.polysim.engine.ParamChanges} (what every reader of a file or a params change shares) and the value types
 * they return. Named worlds are the server's ({@code org.polysim.mcp}). Everything else is package-private. Scripts
 * are reached only through the {@link org.polysim.engine.spi} seam, so the engine never imports a script engine.
 *
 * <p>Decisions the design leaves open, made here:
 * <ul>
 *   <li>Time is {@code tick * dt}; message delays and {@code deliver_at} are counted in whole ticks internally, so
 *       floating-point drift cannot reorder deliveries. A delay below 1 is delivered next tick; a fractional delay
 *       rounds up.</li>
 *   <li>State trees are immutable once published: a controller returns a fresh {@code ObjectNode} and never mutates
 *       the one it was given, so snapshots and copies share them without deep copies.</li>
 *   <li>Every change of a world (a tick, an added or removed entity, new states, a replaced script) is one
 *       {@code Change}: a failure restores entities, queue, layers, counters and generators; the log keeps the
 *       failed tick's lines (marked) because they are what the author needs to debug it.</li>
 *   <li>Other file formats (the seed project's) are translated at the edge ({@code SeedFiles}); nothing past it
 *       knows their field names.</li>
 *   <li>Entities listed in a world file without {@code time} are new: their {@code init} runs at creation. A file
 *       with {@code time} is a snapshot: its entities are restored as they were, without {@code init}.</li>
 * </ul>
 */
package org.polysim.engine;
