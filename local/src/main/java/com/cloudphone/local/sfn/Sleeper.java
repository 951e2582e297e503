package com.cloudphone.local.sfn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the interpreter waits (Wait states, retry intervals): for real, or by moving a {@link ManualClock}. */
@FunctionalInterface
public interface Sleeper {
    void sleepUntil(Instant until) throws InterruptedException;

    /** Sleeps the thread until the clock reads {@code until}. */
    static Sleeper realTime(Clock clock) {
        return until -> {
            Duration left = Duration.between(clock.instant(), until);
            while (!left.isNegative() && !left.isZero()) {
                Thread.sleep(Math.max(1, left.toMillis()));
                left = Duration.between(clock.instant(), until);
            }
        };
    }
}
