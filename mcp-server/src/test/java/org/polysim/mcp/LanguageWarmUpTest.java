package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LanguageWarmUpTest {

    /**
     * A language whose exercise is cheap (Lua's, ControllerProvider.cheapExercise) is exercised by every warm-up,
     * not only by a server started with --exercise, and only while the server is idle.
     */
    @Test
    void aCheapExerciseRunsWithEveryWarmUpOnlyWhileIdle() throws Exception {
        AtomicBoolean idle = new AtomicBoolean(false);
        LanguageWarmUp warmUp = new LanguageWarmUp(false, idle::get);
        Thread thread = Thread.ofPlatform().daemon().start(warmUp::run);
        Thread.sleep(300);
        assertThat(warmUp.exercisedTicks("lua")).as("no tick while the server is busy").isZero();
        idle.set(true);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (warmUp.exercisedTicks("lua") < LanguageWarmUp.EXERCISE_TICKS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(warmUp.exercisedTicks("lua")).isEqualTo(LanguageWarmUp.EXERCISE_TICKS);
        assertThat(warmUp.exercisedTicks("js")).as("JavaScript's exercise is not cheap: only --exercise runs it")
                .isZero();
        thread.interrupt();
    }
}
