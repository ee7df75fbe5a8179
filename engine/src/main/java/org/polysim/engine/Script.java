package org.polysim.engine;

import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ScriptSource;

/** A library entry of a live world: its source and the controller compiled from it. */
record Script(ScriptSource source, Controller controller) {

    String id() {
        return source.id();
    }

    String language() {
        return source.language();
    }
}
