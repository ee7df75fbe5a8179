package org.polysim.lang.graal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-over to a guest thread and the bound on abandoned ones, with plain Java calls standing in for guests. */
class GuestThreadTest {

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void callsRunOnTheGuestThreadAndHandBackValuesAndFailures() throws Exception {
        GuestThread guest = GuestThread.start("test");
        try {
            String name = guest.call(() -> Thread.currentThread().getName(), in(5000), IOException.class);
            assertThat(name).startsWith("test-").isNotEqualTo(Thread.currentThread().getName());
            assertThatThrownBy(() -> guest.call(() -> {
                throw new IOException("declared");
            }, in(5000), IOException.class)).isInstanceOf(IOException.class).hasMessage("declared");
            assertThatThrownBy(() -> guest.call(() -> {
                throw new IllegalArgumentException("unchecked");
            }, in(5000), IOException.class)).isInstanceOf(IllegalArgumentException.class);
            assertThat(guest.call(() -> 42, in(5000), IOException.class)).isEqualTo(42); // still serving
        } finally {
            guest.stop();
        }
    }

    @Test
    void aCallPastItsDeadlineIsAbandonedAndStuckThreadsAreBounded() throws Exception {
        var abandonments = new GuestThread.Abandonments(3);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < 3; i++) {
                GuestThread g = GuestThread.start("stuck", abandonments);
                long start = System.nanoTime();
                assertThatThrownBy(() -> g.call(() -> release.await(1, TimeUnit.MINUTES), in(50), RuntimeException.class))
                        .isInstanceOf(GuestThread.Abandoned.class);
                assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            }
            assertThat(abandonments.running()).isEqualTo(3);
            assertThatThrownBy(() -> GuestThread.start("one more", abandonments)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stuck in builtins");
        } finally {
            release.countDown(); // the stuck calls return, and their threads end
        }
        long deadline = in(10_000);
        while (abandonments.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(abandonments.running()).isZero();
        GuestThread.start("again", abandonments).stop();
    }
}
