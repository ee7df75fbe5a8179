package org.polysim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.polysim.mcp.PolysimServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polysim serve [--workspace DIR] [--view [PORT]]}: the MCP server on stdio (and the live view). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve polysim over MCP on stdin/stdout (stdout carries only JSON-RPC; logs go to stderr).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Directory for snapshot files; paths outside it are refused. Default: $POLYSIM_WORKSPACE, "
                    + "else ~/.polysim/workspace.")
    Path workspace;

    @Option(names = "--max-response-kb", paramLabel = "KB", defaultValue = "64",
            description = "Most kilobytes in one tool response (text and structured content); longer answers are "
                    + "paged or cut, and say how to get the rest. Default: ${DEFAULT-VALUE}.")
    int maxResponseKb;

    @Option(names = "--ephemeral", description = "Keep worlds and snapshots in memory only; by default they are "
            + "saved in the workspace (.polysim/) as each call completes and come back when the server restarts.")
    boolean ephemeral;

    @Option(names = "--no-warm-up", description = "Do not start the script languages in the background while the "
            + "server is idle; the first world of each language then waits for its runtime to start (GraalPy: "
            + "several seconds).")
    boolean noWarmUp;

    @Option(names = "--exercise", description = "After the warm-up, while the server is idle, run a small model in "
            + "JavaScript and in Python so that their first worlds do not run their first ticks in the interpreter: "
            + "on two cores it costs about a minute of CPU after each launch, and halved the first 200 ticks of a "
            + "100-agent Python world asked for after it finished.")
    boolean exercise;

    @Option(names = "--view", arity = "0..1", paramLabel = "PORT", fallbackValue = "0",
            description = "Also serve the live view of this server's worlds in a browser, on 127.0.0.1 at PORT (any "
                    + "free port if none is given); its address, with the token it needs, goes to stderr.")
    Integer view;

    @Override
    public Integer call() throws Exception {
        Path dir = workspace != null ? workspace
                : System.getenv("POLYSIM_WORKSPACE") != null ? Path.of(System.getenv("POLYSIM_WORKSPACE"))
                : Path.of(System.getProperty("user.home"), ".polysim", "workspace");
        if (maxResponseKb < 4 || maxResponseKb > 1 << 20) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--max-response-kb must be between 4 and 1048576, got " + maxResponseKb);
        }
        if (noWarmUp && exercise) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--exercise runs after the warm-up, which --no-warm-up turns off; give one of them");
        }
        if (view != null && (view < 0 || view > 65535)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--view takes a port between 0 and 65535 (0 or none: any free port), got " + view);
        }
        PolysimServer.serveStdio(dir, maxResponseKb * 1024, ephemeral, noWarmUp ? PolysimServer.WarmUp.NONE
                : exercise ? PolysimServer.WarmUp.EXERCISE : PolysimServer.WarmUp.RUNTIMES, view);
        return 0;
    }
}
