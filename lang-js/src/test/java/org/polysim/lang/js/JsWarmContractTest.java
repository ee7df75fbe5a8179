package org.polysim.lang.js;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.polysim.lang.graal.GraalController;

/**
 * The whole contract again, with the JavaScript prelude on the path it takes once its engine has run many updates
 * (a copy and a comparison written in JavaScript, not built-ins only): both paths keep every promise.
 */
class JsWarmContractTest extends JsContractTest {

    @BeforeAll
    static void takeTheCompiledPath() {
        System.setProperty(GraalController.WARM_UPDATES_PROPERTY, "0");
    }

    @AfterAll
    static void back() {
        System.clearProperty(GraalController.WARM_UPDATES_PROPERTY);
    }
}
