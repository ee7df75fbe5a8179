package org.polysim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code polysim} command. */
@Command(name = "polysim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Agent-based simulations scripted in Lua, JavaScript and Python.",
        subcommands = {RunCommand.class, PlotCommand.class, SweepCommand.class, WorkerCommand.class,
                ServeCommand.class, InfoCommand.class},
        footer = {"", "The ./polysim launcher also runs these two itself:",
                "  test    Run every test: ./mvnw verify with the JDK the launcher",
                "            found (extra arguments go to Maven).",
                "  bench   Benchmarks against each language's own runtime; writes",
                "            bench/RESULTS.md (see bench/README.md)."})
public final class Main implements Runnable {

    /** The version the server reports too. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"polysim " + org.polysim.mcp.PolysimServer.VERSION};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** Runs the command line with the given output streams (for tests and embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: run, plot, sweep, worker, serve or info");
    }
}
