package com.cloudphone.local;

import com.cloudphone.testing.TestBackend;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The HTTP contract, end to end through the local stack: routes, JWT check, handlers, moto. */
class LocalStackTest {
    private static LocalStack stack;
    private static Http http;
    private static final LocalClock CLOCK = new LocalClock(java.time.Instant.now());

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStack.Options.forTests(CLOCK));
        http = new Http(stack.url());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static String addUserBody(String username, String extension) {
        return "{\"kind\":\"INTERNAL\",\"username\":\"" + username + "\",\"password\":\"Welcome-2026\","
                + "\"displayName\":\"" + username + "\"" + (extension == null ? "" : ",\"extension\":\"" + extension + "\"") + "}";
    }

    @Test
    void theReadmeSessionWorks() {
        Http.Answer account = http.openAccount("Readme Co", "TEAM", "readme-owner");
        assertEquals(201, account.status(), account.raw());
        String token = account.text("token");

        Http.Answer user = http.post("/users", token, addUserBody("readme-jordan", "1002"));
        assertEquals(201, user.status(), user.raw());
        Http.Answer number = http.post("/numbers", token, "{\"number\":\"+14155550100\"}");
        assertEquals(201, number.status(), number.raw());
        Http.Answer assigned = http.call("PUT", "/numbers/%2B14155550100/assignee", token,
                "{\"userId\":\"" + user.text("userId") + "\"}");
        assertEquals(200, assigned.status(), assigned.raw());
        assertEquals("ASSIGNED", assigned.text("state"));

        Http.Answer listed = http.get("/users", token);
        assertEquals(2, listed.body().path("items").size());
        Http.Answer jwks = http.get("/.well-known/jwks.json", null);
        assertEquals("RSA", jwks.body().path("keys").get(0).path("kty").asText());
    }

    @Test
    void contactsFollowAReassignedNumber() {
        String token = http.openAccount("Follow Co", "TEAM", "follow-owner").text("token");
        String ann = http.post("/users", token, addUserBody("follow-ann", null)).text("userId");
        String ben = http.post("/users", token, addUserBody("follow-ben", null)).text("userId");
        http.post("/numbers", token, "{\"number\":\"+14155550200\"}");
        http.call("PUT", "/numbers/%2B14155550200/assignee", token, "{\"userId\":\"" + ann + "\"}");
        assertEquals(201, http.post("/numbers/%2B14155550200/contacts", token,
                "{\"name\":\"Lead One\",\"phone\":\"+14155550999\"}").status());
        assertEquals(1, http.get("/users/" + ann + "/contacts", token).body().path("contacts").size());

        assertEquals(200, http.call("PUT", "/numbers/%2B14155550200/assignee", token, "{\"userId\":\"" + ben + "\"}").status());
        assertEquals(0, http.get("/users/" + ann + "/contacts", token).body().path("contacts").size());
        assertEquals("Lead One", http.get("/users/" + ben + "/contacts", token).body().path("contacts").get(0).path("name").asText());
    }

    @Test
    void malformedRequestsGetA4xxAndChangeNothing() {
        String token = http.openAccount("Bad Input Co", "TEAM", "bad-owner").text("token");
        String user = http.post("/users", token, addUserBody("bad-existing", "3001")).text("userId");
        http.post("/numbers", token, "{\"number\":\"+14155550300\"}");
        String n = "/numbers/%2B14155550300";

        record Case(String method, String path, String body, int status) {
        }
        List<Case> cases = List.of(
                new Case("POST", "/users", "{bad", 400),
                new Case("POST", "/users", "[]", 400),
                new Case("POST", "/users", "{\"username\":\"nokind\",\"password\":\"Welcome-2026\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"ROBOT\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"nopass\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"weak1\",\"password\":\"password\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"weak2\",\"password\":\"lowercase1\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"a\",\"password\":\"Welcome-2026\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"ext1\",\"password\":\"Welcome-2026\",\"displayName\":\"x\",\"extension\":\"12ab\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"tz1\",\"password\":\"Welcome-2026\",\"displayName\":\"x\",\"timezone\":\"Mars/Olympus\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"acct1\",\"password\":\"Welcome-2026\",\"displayName\":\"x\",\"accountId\":\"a_other\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"bh1\",\"password\":\"Welcome-2026\",\"displayName\":\"x\",\"businessHours\":{\"FUNDAY\":{\"open\":\"09:00\",\"close\":\"17:00\"}}}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"bh2\",\"password\":\"Welcome-2026\",\"displayName\":\"x\",\"businessHours\":{\"MONDAY\":{\"open\":\"18:00\",\"close\":\"09:00\"}}}", 400),
                new Case("POST", "/users", "{\"kind\":\"INVITED\",\"email\":\"not-an-email\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"twice1\",\"username\":\"twice2\",\"password\":\"Welcome-2026\",\"displayName\":\"x\"}", 400),
                new Case("POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"long1\",\"password\":\"Welcome-2026\",\"displayName\":\"" + "x".repeat(101) + "\"}", 400),
                new Case("POST", "/users", addUserBody("dup-ext", "3001"), 409),
                new Case("POST", "/users", addUserBody("bad-existing", null), 409),
                new Case("POST", "/numbers", "{\"number\":\"12345\"}", 400),
                new Case("POST", "/numbers", "{\"number\":\"+14155550300\"}", 409),
                new Case("POST", "/numbers", "{}", 400),
                new Case("PUT", "/numbers/%2B14155559999/assignee", "{\"userId\":\"" + user + "\"}", 404),
                new Case("PUT", n + "/assignee", "{\"userId\":\"u_nobody\"}", 400),
                new Case("PUT", "/numbers/not-a-number/assignee", "{\"userId\":\"" + user + "\"}", 400),
                new Case("PUT", n + "/assignee", "{}", 400),
                new Case("PUT", n + "/assignee", "{\"userId\":42}", 400),
                new Case("PATCH", "/users/" + user, "{\"timezone\":\"Nowhere\"}", 400),
                new Case("PATCH", "/users/" + user, "{\"admin\":\"yes\"}", 400),
                new Case("PATCH", "/users/" + user, "{\"password\":\"weak\"}", 400),
                new Case("PATCH", "/users/u_unknown", "{\"displayName\":\"Ghost\"}", 404),
                new Case("GET", "/numbers?state=LOST", null, 400),
                new Case("POST", n + "/contacts", "{\"name\":\"\",\"phone\":\"+14155550000\"}", 400),
                new Case("POST", "/sessions", "{}", 400),
                new Case("GET", "/nowhere", null, 404));
        assertTrue(cases.size() >= 20);

        Set<Map<String, AttributeValue>> before = snapshot();
        int eventsBefore = stack.events().size();
        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            Http.Answer a = http.call(c.method(), c.path(), c.path().startsWith("/sessions") ? null : token, c.body());
            checks.add(() -> assertEquals(c.status(), a.status(), c + " -> " + a.raw()));
            checks.add(() -> assertFalse(a.code().isEmpty(), c + " has no error code: " + a.raw()));
        }
        assertAll(checks);
        assertEquals(before, snapshot(), "a rejected request wrote to the table");
        assertEquals(eventsBefore, stack.events().size(), "a rejected request published an event");
    }

    private static Set<Map<String, AttributeValue>> snapshot() {
        return TestBackend.snapshot(stack.backend().table);
    }

    @Test
    void anotherAccountsDataIsOutOfReach() {
        String tokenA = http.openAccount("Cross A", "TEAM", "cross-a").text("token");
        String tokenB = http.openAccount("Cross B", "TEAM", "cross-b").text("token");
        String inB = http.post("/users", tokenB, addUserBody("cross-b-user", null)).text("userId");
        http.post("/numbers", tokenB, "{\"number\":\"+14155550400\"}");

        assertEquals(404, http.get("/users/" + inB, tokenA).status());
        assertEquals(404, http.call("PATCH", "/users/" + inB, tokenA, "{\"suspended\":true}").status());
        assertEquals(404, http.call("PUT", "/numbers/%2B14155550400/assignee", tokenA, "{\"userId\":\"" + inB + "\"}").status());
        assertEquals(0, http.get("/numbers", tokenA).body().path("items").size());
        // the same number cannot be owned by a second account either
        assertEquals(409, http.post("/numbers", tokenA, "{\"number\":\"+14155550400\"}").status());
        assertFalse(http.get("/users", tokenA).raw().contains(inB));
    }

    @Test
    void aUserTokenIsRefusedOnAdminRoutes() {
        String admin = http.openAccount("Roles Co", "TEAM", "roles-owner").text("token");
        String userId = http.post("/users", admin, addUserBody("roles-user", null)).text("userId");
        http.post("/numbers", admin, "{\"number\":\"+14155550500\"}");
        String user = http.signIn("roles-user", "Welcome-2026");

        assertEquals(403, http.post("/users", user, addUserBody("roles-sneak", null)).status());
        assertEquals(403, http.post("/numbers", user, "{\"number\":\"+14155550501\"}").status());
        assertEquals(403, http.call("PUT", "/numbers/%2B14155550500/assignee", user, "{\"userId\":\"" + userId + "\"}").status());
        assertEquals(403, http.call("PATCH", "/users/" + userId, user, "{\"admin\":true}").status());
        assertEquals(200, http.call("PATCH", "/users/" + userId, user, "{\"displayName\":\"Me\"}").status());
        assertEquals(1, http.get("/users", user).body().path("items").size());
        assertEquals(401, http.get("/users", null).status());
        assertEquals(401, http.get("/users", "not-a-token").status());
    }

    @Test
    void aPasswordChangeSignsOutTheTokensIssuedBeforeIt() {
        Http.Answer account = http.openAccount("Rotate Co", "TEAM", "rotate-owner");
        String admin = account.text("token");
        String userId = http.post("/users", admin, addUserBody("rotate-me", null)).text("userId");
        String phone = http.signIn("rotate-me", "Welcome-2026");
        String laptop = http.signIn("rotate-me", "Welcome-2026");
        CLOCK.advance(java.time.Duration.ofSeconds(5));

        assertEquals(200, http.call("PATCH", "/users/" + userId, laptop,
                "{\"password\":\"Changed-2026\",\"currentPassword\":\"Welcome-2026\"}").status());
        assertEquals(401, http.get("/users/" + userId, phone).status(), "a token from before the change");
        assertEquals(401, http.get("/users/" + userId, laptop).status(), "the one that changed it too");
        assertEquals(200, http.get("/users/" + userId, http.signIn("rotate-me", "Changed-2026")).status());
        assertEquals(200, http.get("/users", admin).status(), "other logins keep their sessions");

        // an admin resetting it signs the user out as well
        String current = http.signIn("rotate-me", "Changed-2026");
        CLOCK.advance(java.time.Duration.ofSeconds(5));
        assertEquals(200, http.call("PATCH", "/users/" + userId, admin, "{\"password\":\"Reset-by-admin-1\"}").status());
        assertEquals(401, http.get("/users/" + userId, current).status());
    }

    @Test
    void signInIsRefusedAfterSuspensionAndWithAnOldPassword() {
        String admin = http.openAccount("Suspend Co", "TEAM", "suspend-owner").text("token");
        String userId = http.post("/users", admin, addUserBody("suspend-me", null)).text("userId");
        String user = http.signIn("suspend-me", "Welcome-2026");

        assertEquals(200, http.call("PATCH", "/users/" + userId, user,
                "{\"password\":\"Changed-2026\",\"currentPassword\":\"Welcome-2026\"}").status());
        assertEquals(401, http.post("/sessions", null, "{\"username\":\"suspend-me\",\"password\":\"Welcome-2026\"}").status());
        String fresh = http.signIn("suspend-me", "Changed-2026");

        assertEquals(200, http.call("PATCH", "/users/" + userId, admin, "{\"suspended\":true}").status());
        assertEquals(403, http.post("/sessions", null, "{\"username\":\"suspend-me\",\"password\":\"Changed-2026\"}").status());
        assertEquals(401, http.get("/users/" + userId, fresh).status());
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyActsOnce() {
        Http.Answer account = http.openAccount("Retry Co", "SOLO", "retry-owner");
        String token = account.text("token");
        Map<String, String> key = Map.of("Idempotency-Key", "add-user-0001");
        Http.Answer first = http.call("POST", "/users", token, addUserBody("retry-once", "4001"), key);
        Http.Answer second = http.call("POST", "/users", token, addUserBody("retry-once", "4001"), key);
        assertEquals(201, first.status(), first.raw());
        assertEquals(201, second.status(), second.raw());
        assertEquals(first.raw(), second.raw());
        assertEquals(2, http.get("/users", token).body().path("items").size());
        assertEquals(2, stack.backend().accountStore.account(account.text("accountId")).orElseThrow().seatsUsed());

        Http.Answer reused = http.call("POST", "/users", token, addUserBody("retry-other", "4002"), key);
        assertEquals(422, reused.status(), reused.raw());
        assertEquals("IDEMPOTENCY_KEY_REUSED", reused.code());
        assertEquals(400, http.call("POST", "/users", token, addUserBody("retry-bad", "4003"),
                Map.of("Idempotency-Key", "short")).status());

        Map<String, String> other = Map.of("Idempotency-Key", "add-number-0001");
        assertEquals(400, http.call("POST", "/numbers", token, "{\"number\":\"12\"}", other).status());
        assertEquals(201, http.call("POST", "/numbers", token, "{\"number\":\"12\"}".replace("12", "+14155550600"),
                Map.of("Idempotency-Key", "add-number-0002")).status());
    }

    @Test
    void billingEventsOnTheLocalBusChangeTheAccount() {
        Http.Answer account = http.openAccount("Billing Co", "SOLO", "billing-owner");
        String token = account.text("token");
        assertEquals(201, http.post("/users", token, addUserBody("billing-second", null)).status());
        assertEquals(409, http.post("/users", token, addUserBody("billing-third", null)).status());
        Http.Answer upgraded = http.post("/dev/billing-events", null, "{\"detailType\":\"PlanChanged\",\"detail\":"
                + "{\"accountId\":\"" + account.text("accountId") + "\",\"plan\":\"TEAM\",\"paid\":true}}");
        assertEquals("APPLIED", upgraded.text("outcome"), upgraded.raw());
        assertEquals(201, http.post("/users", token, addUserBody("billing-third", null)).status());
        http.post("/dev/billing-events", null, "{\"detailType\":\"AccountClosed\",\"detail\":{\"accountId\":\""
                + account.text("accountId") + "\"}}");
        assertEquals(401, http.get("/users", token).status());
    }

    @Test
    void healthDiscoveryWrongMethodsAndTheEventTap() {
        Http.Answer health = http.get("/health", null);
        assertEquals(200, health.status(), health.raw());
        assertEquals("up", health.body().path("dynamodb").path("state").asText(), health.raw());
        assertEquals("moto", health.body().path("dynamodb").path("engine").asText());

        Http.Answer discovery = http.get("/.well-known/openid-configuration", null);
        assertEquals(stack.url().toString(), discovery.text("issuer"));
        assertEquals(stack.url() + "/.well-known/jwks.json", discovery.text("jwks_uri"));

        Http.Answer wrong = http.call("DELETE", "/users", null, null);
        assertEquals(405, wrong.status(), wrong.raw());
        assertEquals("METHOD_NOT_ALLOWED", wrong.code());
        assertTrue(wrong.body().path("error").path("details").isArray(), wrong.raw());
        assertEquals("POST, GET, OPTIONS", wrong.header("allow"));
        assertEquals(404, http.call("DELETE", "/nowhere", null, null).status());

        Http.Answer a = http.openAccount("Tap Co", "TEAM", "tap-owner");
        String token = a.text("token");
        String accountId = a.text("accountId");
        http.openAccount("Tap Other Co", "TEAM", "tap-other-owner");
        String userId = http.post("/users", token, addUserBody("tap-user", null)).text("userId");
        Http.Answer mine = http.get("/dev/events?accountId=" + accountId, null);
        assertEquals(List.of("AccountOpened", "UserAdded"), types(mine));
        Http.Answer added = http.get("/dev/events?type=UserAdded&accountId=" + accountId, null);
        assertEquals(1, added.body().path("events").size(), added.raw());
        var event = added.body().path("events").get(0);
        assertEquals("cloudphone.users", event.path("source").asText());
        assertEquals(userId, event.path("detail").path("userId").asText());
        assertTrue(event.path("detail").path("eventId").asText().startsWith("ev_"), event.toString());
        assertFalse(event.path("id").asText().isEmpty(), "the EventBridge envelope's own id");
    }

    private static List<String> types(Http.Answer events) {
        List<String> out = new ArrayList<>();
        events.body().path("events").forEach(e -> out.add(e.path("detail-type").asText()));
        return out;
    }
}
