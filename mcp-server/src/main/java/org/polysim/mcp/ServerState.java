package org.polysim.mcp;

import java.util.function.LongSupplier;

/**
 * Everything the tools share: the {@link Worlds} (looked up, locked, persisted), the {@link Runs} in progress, the
 * snapshots, the workspace and its store, the watch on stuck calls, and the response budget.
 */
final class ServerState {

    /** Default most bytes of one tool response (text and structured content together). */
    static final int DEFAULT_RESPONSE_BYTES = 64 * 1024;

    final Snapshots snapshots;
    final Workspace workspace;
    final WorldStore store;
    final Runs runs = new Runs();
    final Worlds worlds;
    final RunWatch watch;
    /** Tool calls being served now. */
    final java.util.concurrent.atomic.AtomicInteger callsInProgress = new java.util.concurrent.atomic.AtomicInteger();
    final int responseBytes;
    /** The clock run durations are measured with (injected so tests need not wait). */
    final LongSupplier nanoTime;

    ServerState(Workspace workspace) {
        this(workspace, WorldStore.NONE, DEFAULT_RESPONSE_BYTES, System::nanoTime);
    }

    /** A state that keeps its worlds in memory only (a live view outside the MCP server, its tests). */
    static ServerState inMemory(java.nio.file.Path workspace, int responseBytes) throws java.io.IOException {
        return new ServerState(new Workspace(workspace), WorldStore.NONE, responseBytes, System::nanoTime);
    }

    ServerState(Workspace workspace, WorldStore store, int responseBytes, LongSupplier nanoTime) {
        this.workspace = workspace;
        this.store = store;
        this.snapshots = new Snapshots(store);
        this.responseBytes = responseBytes;
        this.nanoTime = nanoTime;
        this.worlds = new Worlds(store, snapshots, runs, nanoTime);
        this.watch = new RunWatch(this);
    }
}
