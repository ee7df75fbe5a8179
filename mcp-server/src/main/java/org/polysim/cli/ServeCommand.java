package org.polysim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.polysim.mcp.PolysimServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polysim serve [--workspace DIR]}: the MCP server on stdio. */
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

    @Override
    public Integer call() throws Exception {
        Path dir = workspace != null ? workspace
                : System.getenv("POLYSIM_WORKSPACE") != null ? Path.of(System.getenv("POLYSIM_WORKSPACE"))
                : Path.of(System.getProperty("user.home"), ".polysim", "workspace");
        if (maxResponseKb < 4 || maxResponseKb > 1 << 20) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--max-response-kb must be between 4 and 1048576, got " + maxResponseKb);
        }
        PolysimServer.serveStdio(dir, maxResponseKb * 1024, ephemeral);
        return 0;
    }
}
