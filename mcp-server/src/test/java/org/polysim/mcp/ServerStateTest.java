package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only calls run on the reading thread only when they need not wait for their world. */
class ServerStateTest {

    @TempDir
    Path workspace;

    @Test
    void aCallOnAFreeWorldRunsAtOnce() throws Exception {
        ServerState state = new ServerState(new Workspace(workspace));
        assertThat(state.worlds.withoutWaiting(() -> read(state, "w"))).isEqualTo("read w");
    }

    @Test
    void aCallOnAHeldWorldGivesUpAtOnceWithoutRunning() throws Exception {
        ServerState state = new ServerState(new Workspace(workspace));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                state.worlds.locked("w", () -> {
                    held.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        held.await();
        AtomicBoolean ran = new AtomicBoolean();
        long t0 = System.nanoTime();
        String answer = state.worlds.withoutWaiting(() -> {
            try {
                return state.worlds.locked("w", () -> {
                    ran.set(true);
                    return "read";
                });
            } catch (Worlds.WouldWait e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(answer).isNull();
        assertThat(ran).isFalse();
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(Worlds.BUSY_WAIT_MS / 2.0);
        release.countDown();
        holder.join();
        assertThat(read(state, "w")).isEqualTo("read w"); // and this thread waits for worlds again as before
    }

    private static String read(ServerState state, String world) {
        try {
            return state.worlds.locked(world, () -> "read " + world);
        } catch (Worlds.WouldWait e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
