package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.polysim.engine.testing.JavaTestLanguage;

class WarmUpTest {

    /**
     * A language whose exercise is cheap (ControllerProvider.cheapExercise) is exercised by every warm-up, not only
     * by a server started with --exercise, and only while the server is idle.
     */
    @Test
    void aCheapExerciseRunsWithEveryWarmUpWhileIdle() throws Exception {
        AtomicInteger updates = new AtomicInteger();
        JavaTestLanguage.register(JavaTestLanguage.EXERCISE, e -> updates.incrementAndGet());
        java.util.concurrent.atomic.AtomicBoolean idle = new java.util.concurrent.atomic.AtomicBoolean(false);
        World.warmUpLanguages(false, idle::get);
        Thread.sleep(300);
        assertThat(updates.get()).as("no tick while the server is busy").isZero();
        idle.set(true);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int all = Languages.EXERCISE_ENTITIES * Languages.EXERCISE_TICKS;
        while (updates.get() < all && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(updates.get()).isEqualTo(all);
    }
}
