package org.polysim.cli;

import java.util.concurrent.Callable;
import org.polysim.engine.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polysim info}: the installed languages and their runtimes (is the Graal JIT active?). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the installed script languages and their runtimes.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("polysim " + org.polysim.mcp.PolysimServer.VERSION + " on Java " + Runtime.version());
        World.runtimes().forEach((language, runtime) -> out.println("  " + language + ": " + runtime));
        out.flush();
        return 0;
    }
}
