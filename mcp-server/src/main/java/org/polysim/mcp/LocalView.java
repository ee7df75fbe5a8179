package org.polysim.mcp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;

/**
 * The live view of one world outside the MCP server ({@code polysim run --view}): the world in a server state of its
 * own, kept in memory, and the page served on 127.0.0.1 ({@link ViewServer}).
 */
public final class LocalView implements AutoCloseable {

    private final ServerState state;
    private final ViewServer server;
    private final String name;

    private LocalView(World world, int port) throws IOException {
        this.state = ServerState.inMemory(Files.createTempDirectory("polysim-view"), ViewServer.RESPONSE_BYTES);
        this.name = world.name();
        state.worlds.put(world, false);
        this.server = ViewServer.start(state, port);
    }

    /** Serves the view of {@code world} at {@code port} (0: any free port). */
    public static LocalView open(World world, int port) throws IOException {
        return new LocalView(world, port);
    }

    /** The page's address, with its token. */
    public URI url() {
        return server.url(name);
    }

    /** One tick under the world's lock, so that the page reads its frames between ticks. */
    public void tick() throws SimulationException {
        try {
            state.worlds.withWorld(name, w -> w.advance(1));
        } catch (SimulationException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
