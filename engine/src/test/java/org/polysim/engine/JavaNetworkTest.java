package org.polysim.engine;

import java.util.Map;
import org.polysim.engine.testing.NetworkContract;

/** The network contract run by the Java twins themselves: the reference the languages are compared with holds too. */
class JavaNetworkTest extends NetworkContract {
    JavaNetworkTest() {
        super("java-test", Map.of("node", "net-node", "caster", "net-caster"));
    }
}
