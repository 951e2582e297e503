package com.cloudphone.local;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class with a local stack of its own: started before the class's first test (and before its own
 * {@code @BeforeAll}), closed after its last. Its clock starts at {@link #START} and moves only when a test moves it.
 */
abstract class StackTest {
    static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    static LocalClock clock;
    static LocalStack stack;
    static Http http;

    @BeforeAll
    static void startStack() throws Exception {
        clock = new LocalClock(START);
        stack = LocalStack.start(LocalStack.Options.forTests(clock));
        http = new Http(stack.url());
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }
}
