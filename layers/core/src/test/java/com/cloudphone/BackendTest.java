package com.cloudphone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendTest {
    /**
     * Only the sessions function has SIGNING_KEY_SECRET_ARN and the permission to read that secret (template.yaml,
     * checked by TemplatePermissionsTest), and even there a cold start that signs nothing should not pay for it.
     * Building the backend must not fetch it: here there are neither credentials nor a reachable Secrets Manager,
     * and the build still succeeds.
     */
    @Test
    void theSigningKeyIsNotFetchedUntilATokenIsNeeded() {
        Backend backend = Backend.build(Map.of(
                "AWS_REGION", "us-east-1",
                "TABLE_NAME", "cloudphone-users",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:9",
                "SIGNING_KEY_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:signing-key-AbCdEf"));
        assertNotNull(backend.users);
    }

    @Test
    void tokensAreMadeOnceOnFirstUse() {
        AtomicInteger made = new AtomicInteger();
        var t = new com.cloudphone.testing.TestBackend();
        Backend backend = new Backend(t.backend.table, () -> {
            made.incrementAndGet();
            return t.backend.tokens();
        }, t.bus, t.clock, 4, (name, input) -> { });
        assertEquals(0, made.get());
        assertSame(backend.tokens(), backend.tokens());
        assertEquals(1, made.get());
    }
}
