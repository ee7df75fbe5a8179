/**
 * Test support shared through the engine's test-jar: {@link org.polysim.engine.testing.JavaTestLanguage}, a
 * language whose scripts are Java lambdas (for engine tests that must not depend on a script engine), and
 * {@link org.polysim.engine.testing.ControllerContract}, the suite every {@code lang-*} module passes.
 */
package org.polysim.engine.testing;
