package com.cloudphone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.Test;

class PrimingTest {
    @Test
    void primingRunsTheColdPathsAgainstTheTableWithoutWriting() {
        TestBackend t = new TestBackend();
        var before = t.snapshot();
        Priming.register(t.backend).beforeCheckpoint(null);
        assertTrue(t.snapshot().equals(before), "priming must not write");
        assertTrue(t.bus.published().isEmpty(), "priming must not publish");
    }
}
