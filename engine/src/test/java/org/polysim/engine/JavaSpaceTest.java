package org.polysim.engine;

import java.util.Map;
import org.polysim.engine.testing.SpaceContract;

/** The space contract run by the Java twins themselves: the reference the languages are compared with holds too. */
class JavaSpaceTest extends SpaceContract {
    JavaSpaceTest() {
        super("java-test", Map.of("grazer", "space-grazer", "hunter", "space-hunter", "breeder", "space-breeder"));
    }
}
