package com.cloudphone.local;

import static com.cloudphone.local.Console.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lists over HTTP, a page at a time: {@code ?limit=&cursor=} gives {"items": [...], "nextCursor": ...}; walking
 * the cursor gives every item once, in order, and ends with null. Bad limits and cursors are a 400 naming the
 * parameter, and a cursor of one account is worth nothing in another.
 */
class PagingApiTest extends StackTest {
    private static Console a;
    private static Console b;
    private static final List<String> USERS = new ArrayList<>();
    private static final List<String> NUMBERS = new ArrayList<>();
    private static final List<String> ASSIGNED = new ArrayList<>();
    private static final List<String> CALLS = new ArrayList<>();
    private static final List<String> AMY_CALLS = new ArrayList<>();
    private static final List<String> QUEUES = new ArrayList<>();
    private static final List<String> CALLFLOWS = new ArrayList<>();
    private static final List<String> JOBS = new ArrayList<>();
    private static String amy;

    @BeforeAll
    static void start() throws Exception {
        a = new Console(http, "pg-a", "TEAM", true);
        b = new Console(http, "pg-b", "TEAM", true);
        USERS.add(a.ownerUserId);
        for (int i = 0; i < 6; i++) {
            USERS.add(a.user("pg-user" + i, "40" + i));
        }
        USERS.sort(null);
        amy = USERS.get(1);
        for (int i = 0; i < 7; i++) {
            NUMBERS.add(a.number("+1415555030" + i));
        }
        for (int i : new int[] {1, 2, 5}) {
            a.assign(NUMBERS.get(i), amy);
            ASSIGNED.add(NUMBERS.get(i));
        }
        for (int i = 0; i < 7; i++) {
            String who = i % 2 == 0 ? amy : USERS.get(2);
            a.call("+1312555010" + i, NUMBERS.get(0), who, i, "2026-11-1" + i + "T10:00:00Z");
        }
        for (int i = 0; i < 5; i++) {
            QUEUES.add(a.queue("Queue " + i, amy));
            CALLFLOWS.add(a.group("Flow " + i, new String[0], amy));
        }
        QUEUES.sort(null);
        CALLFLOWS.sort(null);
        for (int i = 0; i < 5; i++) {
            String jobId = a.offboard(a.user("pg-leaving" + i, "50" + i), "{}");
            awaitStatus(a, jobId, "WAITING_FOR_PURGE");
            JOBS.add(0, jobId);
            clock.advance(Duration.ofMinutes(1));
        }
        for (int i = 0; i < 3; i++) {
            b.user("pg-b-user" + i, "60" + i);
        }
        JsonNode log = a.ok(a.get("/calls?limit=100"), 200).body().path("items");
        log.forEach(c -> CALLS.add(c.path("callId").asText()));
        log.forEach(c -> {
            if (amy.equals(c.path("userId").asText())) {
                AMY_CALLS.add(c.path("callId").asText());
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Every page of {@code path} with {@code limit}, from the first; the values of {@code field} in order. */
    private static List<String> walk(Console c, String path, int limit, String field, List<Integer> sizes) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        String join = path.contains("?") ? "&" : "?";
        for (int i = 0; i < 50; i++) {
            Http.Answer page = c.ok(c.get(path + join + "limit=" + limit + (cursor == null ? "" : "&cursor=" + enc(cursor))), 200);
            JsonNode items = page.body().path("items");
            assertTrue(items.isArray() && items.size() <= limit, page.raw());
            assertTrue(page.body().has("nextCursor"), "nextCursor is always there, null on the last page: " + page.raw());
            items.forEach(item -> values.add(item.path(field).asText()));
            sizes.add(items.size());
            if (page.body().path("nextCursor").isNull()) {
                return values;
            }
            cursor = page.body().path("nextCursor").asText();
        }
        throw new AssertionError(path + ": the cursor never ended");
    }

    private static List<String> walk(Console c, String path, int limit, String field) {
        return walk(c, path, limit, field, new ArrayList<>());
    }

    @Test
    void everyListWalksToItsEndWithEachItemOnceInOrder() {
        List<Integer> sizes = new ArrayList<>();
        List<String> users = walk(a, "/users", 2, "userId", sizes);
        List<String> expectedUsers = new ArrayList<>(USERS);
        assertEquals(expectedUsers, users.stream().filter(USERS::contains).toList());
        assertEquals(USERS.size(), users.size(), "the offboarded users are gone from the list");
        assertEquals(List.of(2, 2, 2, 1), sizes);
        assertEquals(NUMBERS, walk(a, "/numbers", 3, "number"));
        assertEquals(ASSIGNED, walk(a, "/numbers?state=ASSIGNED", 2, "number"));
        assertEquals(7, CALLS.size());
        assertEquals(CALLS, walk(a, "/calls", 3, "callId"));
        assertEquals(AMY_CALLS, walk(a, "/calls?userId=" + amy, 2, "callId"));
        assertEquals(QUEUES, walk(a, "/queues", 2, "queueId"));
        assertEquals(CALLFLOWS, walk(a, "/callflows", 2, "callflowId"));
        assertEquals(JOBS, walk(a, "/jobs", 2, "jobId"));
        assertEquals(JOBS, walk(a, "/jobs?status=WAITING_FOR_PURGE", 2, "jobId"));
    }

    @Test
    void withoutALimitAPageHoldsFiftyAndTheFirstPageOfASmallListIsTheLast() {
        Http.Answer page = a.ok(a.get("/numbers"), 200);
        assertEquals(NUMBERS.size(), page.body().path("items").size());
        assertTrue(page.body().path("nextCursor").isNull(), page.raw());
    }

    @Test
    void aUserSeesOnlyThemselfAndTheirOwnCallsAPageAtATime() {
        String token = http.signIn("pg-user0", "Welcome-2026");
        String me = http.get("/me", token).body().path("user").path("userId").asText();
        Http.Answer own = http.get("/users?limit=1", token);
        assertEquals(200, own.status(), own.raw());
        assertEquals(List.of(me), texts(own.body().path("items"), "userId"));
        assertTrue(own.body().path("nextCursor").isNull());
        Console asUser = new Console(http, token, a.accountId);
        List<String> mine = walk(asUser, "/calls", 1, "userId");
        assertTrue(mine.stream().allMatch(me::equals), mine.toString());
    }

    @Test
    void aBadLimitIsA400NamingIt() {
        for (String bad : List.of("0", "-1", "101", "1000000000000", "abc", "1.5", "", "2%2C3", "%20", "1e2", "+5")) {
            for (String list : List.of("/users", "/numbers", "/calls", "/queues", "/callflows", "/jobs")) {
                Http.Answer answer = a.get(list + "?limit=" + bad);
                assertEquals(400, answer.status(), list + "?limit=" + bad + ": " + answer.raw());
                assertEquals("VALIDATION_FAILED", answer.code());
                assertEquals("limit", answer.body().path("error").path("details").get(0).path("field").asText(), answer.raw());
            }
        }
        assertEquals(1, a.ok(a.get("/users?limit=1"), 200).body().path("items").size());
        assertEquals(USERS.size(), a.ok(a.get("/users?limit=100"), 200).body().path("items").size());
    }

    @Test
    void aCursorOfAnotherAccountIsA400AndShowsNothingOfIt() {
        for (String list : List.of("/users", "/numbers", "/calls", "/calls?userId=" + amy, "/queues", "/callflows", "/jobs")) {
            String cursor = a.ok(a.get(list + (list.contains("?") ? "&" : "?") + "limit=1"), 200).text("nextCursor");
            assertFalse(cursor.isEmpty() || cursor.equals("null"), list);
            String plain = list.replace("?userId=" + amy, "");
            Http.Answer foreign = b.get(plain + "?limit=1&cursor=" + enc(cursor));
            assertEquals(400, foreign.status(), plain + " took another account's cursor: " + foreign.raw());
            assertEquals("cursor", foreign.body().path("error").path("details").get(0).path("field").asText());
            for (String secret : List.of(a.accountId, amy, "pg-user", "Queue ", "Flow ", "+1415555030")) {
                assertFalse(foreign.raw().contains(secret), plain + " leaked " + secret + ": " + foreign.raw());
            }
        }
        // and within one account, a cursor of one list is no cursor of another
        String users = a.ok(a.get("/users?limit=1"), 200).text("nextCursor");
        assertEquals(400, a.get("/numbers?limit=1&cursor=" + enc(users)).status());
        assertEquals(400, a.get("/jobs?limit=1&cursor=" + enc(users)).status());
    }

    @Test
    void aGarbageOrTooLongCursorIsA400NamingIt() {
        String good = a.ok(a.get("/users?limit=1"), 200).text("nextCursor");
        for (String bad : List.of("x", "AAAA", "not%20a%20cursor", "%00", "abc%3D", "a%2Bb", "a%2Fb", "",
                good.substring(0, good.length() - 2), good + "AB", "A".repeat(1025), "A".repeat(100_000),
                "%F0%9F%98%80", "..%2F..%2Fetc")) {
            for (String list : List.of("/users", "/numbers", "/calls", "/queues", "/callflows", "/jobs")) {
                Http.Answer answer = a.get(list + "?cursor=" + bad);
                assertEquals(400, answer.status(), list + "?cursor=" + bad.substring(0, Math.min(40, bad.length())) + ": " + answer.raw());
                assertEquals("cursor", answer.body().path("error").path("details").get(0).path("field").asText(), answer.raw());
            }
        }
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(i -> values.add(i.path(field).asText()));
        return values;
    }
}
