package com.cloudphone.local;

import com.cloudphone.local.sfn.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a local stack under test: time moves only when the test says so, and workflow waits (a 28-day
 * purge window, retry backoff) block until it does, taking no real time.
 */
public final class LocalClock extends Clock implements Sleeper {
    private Instant now;

    public LocalClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
        notifyAll();
    }

    @Override
    public synchronized void sleepUntil(Instant until) throws InterruptedException {
        while (now.isBefore(until)) {
            wait();
        }
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
