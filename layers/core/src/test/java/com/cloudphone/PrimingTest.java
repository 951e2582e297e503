package com.cloudphone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.event.LocalEventBus;
import com.cloudphone.store.Table;
import com.cloudphone.testing.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class PrimingTest {
    @Test
    void primingRunsTheColdPathsAgainstTheTableWithoutWriting() {
        TestBackend t = new TestBackend();
        var before = t.snapshot();
        String log = logOf(() -> Priming.register(t.backend, EnumSet.allOf(Prime.class)).beforeCheckpoint(null));
        assertTrue(t.snapshot().equals(before), "priming must not write");
        assertTrue(t.bus.published().isEmpty(), "priming must not publish");
        assertEquals("", log, "every step ran without a failure");
    }

    /**
     * An exception out of beforeCheckpoint ends the runtime with an init error and the version never publishes: a
     * step that fails (here the table is unreachable) is logged, and the checkpoint goes on.
     */
    @Test
    void aFailingStepIsLoggedNotThrown() {
        DynamoDbClient unreachable = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Backend backend = new Backend(new Table(unreachable, "cloudphone-users"), () -> {
            throw new AssertionError("priming does not sign tokens");
        }, new LocalEventBus(), Clock.systemUTC(), 4, (name, input) -> { });
        String log = logOf(() -> new Priming(backend, EnumSet.allOf(Prime.class)).beforeCheckpoint(null));
        List<String> lines = log.lines().toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("\"priming step failed\"") && lines.get(0).contains("\"TABLE_READ\""), log);
    }

    private static String logOf(Runnable action) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
