package com.cloudphone.local;

import com.cloudphone.testing.TestBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.service.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every route of the local stack (the routes of template.yaml) under a corpus of hostile requests: forged,
 * expired and alg-none tokens, a USER's token on admin routes, another account's ids, wrong types, huge and deep
 * bodies, control characters, long ids and long lists. None may answer 5xx, none that is refused may write, and
 * none may show the victim account's data. The counts by category are printed (docs/reliability.md has them).
 */
class HostileCorpusTest extends StackTest {
    private static String attacker;
    private static String attackerUser;
    private static Map<String, String> victim;
    /** Cursors the victim's own lists gave: worth nothing in any other account. */
    private static List<String> victimCursors;

    @BeforeAll
    static void start() throws Exception {
        // the victim: an account with a user, a number with a contact, a queue, a callflow, a device, a job, a call
        Http.Answer v = http.openAccount("Victim Co", "TEAM", "victim-owner");
        String vt = v.text("token");
        String vu = http.post("/users", vt, "{\"kind\":\"INTERNAL\",\"username\":\"victim-user\",\"password\":"
                + "\"Welcome-2026\",\"displayName\":\"Victoria Secret\",\"extension\":\"3001\"}").text("userId");
        http.post("/numbers", vt, "{\"number\":\"+14155551000\"}");
        http.call("PUT", "/numbers/%2B14155551000/assignee", vt, "{\"userId\":\"" + vu + "\"}");
        http.post("/numbers/%2B14155551000/contacts", vt, "{\"name\":\"Victim Lead\",\"phone\":\"+13125550199\"}");
        String queue = http.post("/queues", vt, "{\"name\":\"Victim Queue\",\"memberUserIds\":[\"" + vu + "\"]}").text("queueId");
        String callflow = http.post("/callflows", vt, "{\"name\":\"Victim Flow\",\"kind\":\"GROUP\",\"numbers\":[],"
                + "\"dialUserIds\":[\"" + vu + "\"]}").text("callflowId");
        String device = http.post("/users/" + vu + "/devices", vt, "{\"kind\":\"SOFTPHONE\",\"name\":\"Victim Laptop\"}")
                .text("deviceId");
        http.post("/calls", vt, "{\"from\":\"+13125550199\",\"to\":\"+14155551000\",\"userId\":\"" + vu
                + "\",\"durationSeconds\":30,\"startedAt\":\"2026-11-20T10:00:00Z\"}");
        http.post("/calls", vt, "{\"from\":\"+13125550199\",\"to\":\"+14155551000\",\"userId\":\"" + vu
                + "\",\"durationSeconds\":31,\"startedAt\":\"2026-11-21T10:00:00Z\"}");
        victimCursors = List.of(http.get("/users?limit=1", vt).text("nextCursor"),
                http.get("/calls?limit=1", vt).text("nextCursor"), http.get("/calls?limit=1&userId=" + vu, vt).text("nextCursor"));
        victim = Map.of("userId", vu, "queueId", queue, "callflowId", callflow, "deviceId", device,
                "accountId", v.text("accountId"), "ownerUserId", v.text("ownerUserId"));

        Http.Answer a = http.openAccount("Attacker Co", "TEAM", "attacker-owner");
        attacker = a.text("token");
        http.post("/users", attacker, "{\"kind\":\"INTERNAL\",\"username\":\"attacker-user\",\"password\":"
                + "\"Welcome-2026\",\"displayName\":\"Mallory\",\"extension\":\"3002\"}");
        attackerUser = http.signIn("attacker-user", "Welcome-2026");
    }

    private static Set<Map<String, AttributeValue>> snapshot() {
        return TestBackend.snapshot(stack.backend().table);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens no one should get past: forged, expired, alg none, another issuer's key, garbage. */
    private static Map<String, String> badTokens() {
        String[] parts = attacker.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = claims.replace("\"role\":\"ADMIN\"", "\"role\":\"AGENCY_ADMIN\"")
                .replaceFirst("\"accountId\":\"[^\"]+\"", "\"accountId\":\"" + victim.get("accountId") + "\"");
        Tokens otherKey = new Tokens(Tokens.generateKeys(), "https://cloudphone.local", Duration.ofHours(1),
                Clock.fixed(clock.instant(), ZoneOffset.UTC));
        Tokens expired = new Tokens(Tokens.generateKeys(), "https://cloudphone.local", Duration.ofHours(1),
                Clock.fixed(clock.instant().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "not-a-token");
        tokens.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(elevated) + ".");
        tokens.put("claims swapped", parts[0] + "." + b64(elevated) + "." + parts[2]);
        tokens.put("HS256 with the public key", b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
        tokens.put("signed by another key", otherKey.issue(victim.get("ownerUserId"), victim.get("accountId"), "ADMIN").token());
        tokens.put("expired", expired.issue(victim.get("ownerUserId"), victim.get("accountId"), "ADMIN").token());
        tokens.put("padded", attacker + "==");
        return tokens;
    }

    /** Each route's path with the victim's ids in it (or long ids), and a body that would act if allowed. */
    private static List<String[]> victimRequests() {
        String u = victim.get("userId");
        List<String[]> r = new ArrayList<>();
        r.add(new String[] {"GET", "/users/" + u, null});
        r.add(new String[] {"PATCH", "/users/" + u, "{\"displayName\":\"Owned\"}"});
        r.add(new String[] {"PATCH", "/users/" + u, "{\"password\":\"Taken-over-1\"}"});
        r.add(new String[] {"GET", "/users/" + u + "/contacts", null});
        r.add(new String[] {"GET", "/users/" + u + "/devices", null});
        r.add(new String[] {"POST", "/users/" + u + "/devices", "{\"kind\":\"SOFTPHONE\",\"name\":\"Planted\"}"});
        r.add(new String[] {"DELETE", "/users/" + u + "/devices/" + victim.get("deviceId"), null});
        r.add(new String[] {"GET", "/users/" + u + "/deletion-blockers", null});
        r.add(new String[] {"DELETE", "/users/" + u, null});
        r.add(new String[] {"POST", "/users/" + u + "/offboarding", "{\"queues\":\"REMOVE_ALL\"}"});
        r.add(new String[] {"PUT", "/numbers/%2B14155551000/assignee", "{\"userId\":\"" + u + "\"}"});
        r.add(new String[] {"POST", "/numbers/%2B14155551000/contacts", "{\"name\":\"x\",\"phone\":\"+13125550100\"}"});
        r.add(new String[] {"POST", "/numbers/%2B14155551000/release", "{\"contactsHeir\":\"+14155551001\"}"});
        r.add(new String[] {"POST", "/numbers/%2B14155551000/recycle", null});
        r.add(new String[] {"DELETE", "/queues/" + victim.get("queueId") + "/members/" + u, null});
        r.add(new String[] {"GET", "/callflows/" + victim.get("callflowId"), null});
        r.add(new String[] {"POST", "/callflows/" + victim.get("callflowId") + "/reassign", "{\"targetCallflowId\":\"cf_x\"}"});
        r.add(new String[] {"POST", "/callflows/" + victim.get("callflowId") + "/versions", "{\"dialUserIds\":[\"" + u + "\"]}"});
        r.add(new String[] {"DELETE", "/callflows/" + victim.get("callflowId") + "/versions/1", null});
        r.add(new String[] {"DELETE", "/callflows/" + victim.get("callflowId"), null});
        r.add(new String[] {"POST", "/callflows", "{\"name\":\"x\",\"kind\":\"DIRECT\",\"numbers\":[\"+14155551000\"],"
                + "\"userId\":\"" + u + "\"}"});
        r.add(new String[] {"POST", "/queues", "{\"name\":\"x\",\"memberUserIds\":[\"" + u + "\"]}"});
        r.add(new String[] {"POST", "/calls", "{\"from\":\"+13125550100\",\"to\":\"+14155551000\",\"userId\":\"" + u
                + "\",\"durationSeconds\":1,\"startedAt\":\"2026-11-20T10:00:00Z\"}"});
        r.add(new String[] {"GET", "/calls?userId=" + u, null});
        r.add(new String[] {"GET", "/agency/users/" + u + "/roles", null});
        r.add(new String[] {"PUT", "/agency/users/" + u + "/roles", "{\"roles\":{\"" + victim.get("accountId") + "\":\"ADMIN\"}}"});
        r.add(new String[] {"DELETE", "/agency/users/" + u, null});
        r.add(new String[] {"GET", "/jobs/job_x", null});
        r.add(new String[] {"GET", "/users", null});
        r.add(new String[] {"GET", "/numbers", null});
        r.add(new String[] {"GET", "/queues", null});
        r.add(new String[] {"GET", "/callflows", null});
        r.add(new String[] {"POST", "/users", "{\"kind\":\"INTERNAL\",\"username\":\"planted\",\"password\":\"Welcome-2026\","
                + "\"displayName\":\"Planted\"}"});
        r.add(new String[] {"POST", "/numbers", "{\"number\":\"+14155551999\"}"});
        return r;
    }

    /** Query strings no list takes: limits out of bounds or not numbers, cursors not made here or for another account. */
    private static List<String> badPaging() {
        List<String> queries = new ArrayList<>();
        for (String limit : List.of("0", "-1", "101", "abc", "1e2", "1.5", "99999999999999999999", "", "%00", "1%2C2",
                "%F0%9F%92%A9", "1%20OR%201%3D1", "0x10", "+7", "%EF%BC%95")) {
            queries.add("limit=" + limit);
        }
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(("c1\nACCOUNT#" + victim.get("accountId")
                + "\nUSER#" + victim.get("userId") + "12345678").getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("", "x", "%00", "A".repeat(1025), "A".repeat(50_000), "..%2F..%2F", "%27%20OR%201%3D1",
                "eyJhbGciOiJub25lIn0", "abc%3D%3D", "a%2Bb%2Fc", forged, victimCursors.get(0) + "A",
                victimCursors.get(0).substring(1))) {
            queries.add("cursor=" + cursor);
        }
        for (String cursor : victimCursors) {
            queries.add("limit=1&cursor=" + cursor);
        }
        return queries;
    }

    /** Bodies that are not what any route takes. */
    private static List<String> badBodies() {
        List<String> bodies = new ArrayList<>(List.of("{", "[]", "\"text\"", "null", "42", "{\"name\":5}",
                "{\"displayName\":[\"x\"]}", "{\"memberUserIds\":\"u_1\"}", "{\"numbers\":{\"a\":1}}",
                "{\"name\":\"a\",\"name\":\"b\"}", "{\"displayName\":\"\\u0000\"}", "{\"userId\":\"" + "u".repeat(5000) + "\"}",
                "{\"dialUserIds\":" + "[\"u_1\"," .repeat(500) + "\"u_1\"]}", "\u0000\u0001\u0002"));
        bodies.add("[".repeat(100_000) + "]".repeat(100_000));
        bodies.add("{\"a\":" .repeat(20_000) + "1" + "}".repeat(20_000));
        bodies.add("{\"displayName\":\"" + "x".repeat(2_000_000) + "\"}");
        return bodies;
    }

    private record Tally(Map<String, Integer> byCategory) {
        void add(String category) {
            byCategory.merge(category, 1, Integer::sum);
        }
    }

    /** Sends one request; it must not be a 5xx, and (when {@code mustRefuse}) must be a 4xx that wrote nothing. */
    private static Http.Answer send(String method, String path, String token, String body, boolean mustRefuse) {
        Set<Map<String, AttributeValue>> before = mustRefuse ? snapshot() : null;
        Http.Answer answer = http.call(method, path, token, body);
        String shown = method + " " + path.substring(0, Math.min(80, path.length()));
        assertTrue(answer.status() < 500, shown + " gave " + answer.status() + ": "
                + answer.raw().substring(0, Math.min(300, answer.raw().length())));
        if (mustRefuse) {
            assertTrue(answer.status() >= 400, shown + " was not refused: " + answer.status());
            assertTrue(before.equals(snapshot()), shown + " was refused but wrote to the table");
        }
        for (String secret : List.of("Victoria Secret", "Victim Lead", "Victim Queue", "Victim Flow", "Victim Laptop",
                "victim-user", "+13125550199", victim.get("userId"))) {
            boolean echoed = path.contains(secret) || body != null && body.contains(secret);
            assertFalse(answer.raw().contains(secret) && !echoed, shown + " leaked " + secret);
        }
        return answer;
    }

    @Test
    void noHostileRequestGetsA5xxWritesOrLeaks() {
        Tally tally = new Tally(new LinkedHashMap<>());
        List<String[]> requests = victimRequests();
        for (Map.Entry<String, String> bad : badTokens().entrySet()) {
            for (String[] r : requests) {
                Http.Answer a = send(r[0], r[1], bad.getValue(), r[2], true);
                assertEquals(401, a.status(), bad.getKey() + ": " + r[0] + " " + r[1] + " " + a.raw());
                tally.add("bad token (" + bad.getKey() + ")");
            }
        }
        for (String[] r : requests) {
            // the attacker's admin token, the victim's ids: never the victim's data, never a change there
            send(r[0], r[1], attacker, r[2], !isOwn(r));
            tally.add("another account's ids, admin token");
            send(r[0], r[1], attackerUser, r[2], !isOwnList(r));
            tally.add("another account's ids or admin routes, user token");
        }
        for (String body : badBodies()) {
            for (String[] r : requests) {
                if (r[2] != null) {
                    send(r[0], r[1], attacker, body, true);
                    tally.add("malformed or hostile body");
                }
            }
        }
        for (String[] r : requests) {
            String longIds = r[1].replace(victim.get("userId"), "u_" + "9".repeat(2000))
                    .replace(victim.get("callflowId"), "cf_" + "9".repeat(2000))
                    .replace(victim.get("queueId"), "q_" + "9".repeat(2000));
            if (!longIds.equals(r[1])) {
                send(r[0], longIds, attacker, r[2], true);
                tally.add("long ids");
            }
        }
        for (String list : List.of("/users", "/numbers", "/queues", "/callflows", "/calls", "/jobs")) {
            for (String query : badPaging()) {
                Http.Answer a = send("GET", list + "?" + query, attacker, null, true);
                assertEquals(400, a.status(), list + "?" + query.substring(0, Math.min(60, query.length())) + ": " + a.raw());
                tally.add("hostile limit or cursor (garbage, forged, another account's)");
            }
            for (String cursor : victimCursors) {
                // a USER's own lists (themself, their numbers and calls) take no other account's cursor either
                Http.Answer a = send("GET", list + "?limit=1&cursor=" + cursor, attackerUser, null, true);
                assertTrue(a.status() == 400 || a.status() == 403, list + ": " + a.raw());
                tally.add("another account's cursor, user token");
            }
        }
        int total = tally.byCategory().values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("hostile corpus: " + total + " requests, none 5xx, none writing when refused: " + tally.byCategory());
        assertTrue(total > 500, "the corpus shrank: " + total);
    }

    /** The caller's own lists, or a new user or number in the caller's own account: allowed to an admin. */
    private static boolean isOwn(String[] r) {
        return isOwnList(r) || r[0].equals("POST") && List.of("/users", "/numbers").contains(r[1]);
    }

    /** GET of the caller's own lists: 200 with the attacker's own data, which the leak check covers. */
    private static boolean isOwnList(String[] r) {
        return r[0].equals("GET") && List.of("/users", "/numbers", "/queues", "/callflows").contains(r[1])
                || r[0].equals("GET") && r[1].startsWith("/calls");
    }
}
