/**
 * The seam between the engine and a scripting language.
 *
 * <p>A language module implements {@link org.polysim.engine.spi.ControllerProvider} and registers it
 * in {@code META-INF/services}; the engine discovers it with {@link java.util.ServiceLoader} and never
 * imports a script engine. The provider compiles one library script for one world into a
 * {@link org.polysim.engine.spi.Controller}; the engine then calls {@code init} and {@code update} with an
 * {@link org.polysim.engine.spi.EntityContext}, the only door a script has to the world. Everything that
 * crosses this seam is JSON (Jackson trees) or plain Java values: guest values never leave their module.
 *
 * <p>Self-contained: nothing here imports the engine's core. A controller gets its per-call
 * {@link org.polysim.engine.spi.CallLimits}, not the world's limits, and reads its inbox as
 * {@link org.polysim.engine.spi.InboxMessage}s (what a script sees, without the queue's tick bookkeeping). The
 * process-wide memory guards live apart, in {@code org.polysim.engine.guard}.
 */
package org.polysim.engine.spi;
