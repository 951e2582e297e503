package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --data DIR}: what was acknowledged survives a clean stop and a kill -9 of the engine; tokens survive too
 * (the signing key is a secret on moto); the outbox events are on the bus exactly once after the restart, those
 * written but not yet relayed when the engine died included.
 */
class DataFolderTest {
    private static LocalStack.Options options(Path dir, int port) {
        // no background relay: events reach the bus only when the test reads them, so some are still on the
        // stream, unrelayed, when the engine dies
        return LocalStack.Options.forTests(new LocalClock(Instant.now())).withData(dir).withPort(port).withRelayEvery(null);
    }

    private static String addUser(Http http, String token, String username) {
        Http.Answer a = http.post("/users", token, "{\"kind\":\"INTERNAL\",\"username\":\"" + username
                + "\",\"password\":\"Welcome-2026\",\"displayName\":\"" + username + "\"}");
        assertEquals(201, a.status(), a.raw());
        return a.text("userId");
    }

    private static List<String> eventIds(List<JsonNode> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("detail").path("eventId").asText()));
        return ids;
    }

    @Test
    void aCleanStopKeepsDataTokensAndEvents() throws Exception {
        check(false);
    }

    @Test
    void aKilledEngineLosesNothingItAcknowledged() throws Exception {
        check(true);
    }

    private void check(boolean crash) throws Exception {
        Path dir = Files.createTempDirectory("cloudphone-data");
        String token;
        List<String> users = new ArrayList<>();
        List<String> relayedBefore;
        int port;
        LocalStack first = LocalStack.start(options(dir, 0));
        try {
            port = first.port();
            Http http = new Http(first.url());
            token = http.openAccount("Durable Co", "TEAM", "durable-owner-" + crash).text("token");
            users.add(addUser(http, token, "durable-a-" + crash));
            relayedBefore = eventIds(first.events());
            assertEquals(2, relayedBefore.size(), "AccountOpened and UserAdded reached the bus");
            // acknowledged, on the stream, never relayed: the engine dies right after the answers
            for (int i = 0; i < 5; i++) {
                users.add(addUser(http, token, "durable-b" + i + "-" + crash));
            }
            if (crash) {
                first.killEngine();
            }
        } finally {
            first.close();
        }
        assertTrue(Files.exists(dir.resolve("journal.jsonl")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("journal.jsonl"))),
                "the journal holds the signing key: owner only");

        try (LocalStack second = LocalStack.start(options(dir, port))) {
            Http http = new Http(second.url());
            Http.Answer listed = http.get("/users", token);
            assertEquals(200, listed.status(), "a token from before the restart still works: " + listed.raw());
            assertEquals(users.size() + 1, listed.body().path("items").size(), listed.raw());
            for (String user : users) {
                assertEquals(200, http.get("/users/" + user, token).status(), user);
            }
            List<JsonNode> events = second.events();
            List<String> ids = eventIds(events);
            assertEquals(ids.stream().distinct().count(), ids.size(), "an event reached the bus twice: " + ids);
            assertTrue(ids.containsAll(relayedBefore), "events relayed before the stop are still on the tap");
            assertEquals(7, ids.size(), "AccountOpened and six UserAdded, each once: " + ids);
            assertEquals(6, events.stream().filter(e -> e.path("detail-type").asText().equals("UserAdded")).count());
            assertFalse(Files.exists(dir.resolve("signing-key.pem")));
        }
    }

    @Test
    void aKeyFileOfAnEarlierVersionMovesIntoTheSecret() throws Exception {
        Path dir = Files.createTempDirectory("cloudphone-data");
        var keys = com.cloudphone.service.Tokens.generateKeys();
        Files.writeString(dir.resolve("signing-key.pem"), com.cloudphone.service.Tokens.toPem(keys));
        try (LocalStack stack = LocalStack.start(options(dir, 0))) {
            Http.Answer jwks = new Http(stack.url()).get("/.well-known/jwks.json", null);
            String modulus = jwks.body().path("keys").get(0).path("n").asText();
            String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    unsigned(((java.security.interfaces.RSAPublicKey) keys.getPublic()).getModulus().toByteArray()));
            assertEquals(expected, modulus, "the stack signs with the key of the old file");
        }
        assertFalse(Files.exists(dir.resolve("signing-key.pem")), "the file is gone once the secret holds the key");
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
