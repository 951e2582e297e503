package com.cloudphone.local;

import com.cloudphone.testing.TestBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ids, lists and names an attacker (or a broken client) sends: each is a 400 naming the field, and writes nothing.
 * Long ids once reached DynamoDB's key-size limit (500), lists of 100+ ids its transaction limit (500), and names
 * with control or bidi characters were stored as sent.
 */
class HostileInputTest extends StackTest {
    private static String token;
    private static String userId;
    private static final String LONG_ID = "u_" + "x".repeat(1100);

    @BeforeAll
    static void start() throws Exception {
        token = http.openAccount("Hostile", "TEAM", "hostile-owner").text("token");
        userId = http.post("/users", token, "{\"kind\":\"INTERNAL\",\"username\":\"target\",\"password\":\"Welcome-2026\","
                + "\"displayName\":\"Target\",\"extension\":\"2001\"}").text("userId");
        assertEquals(201, http.post("/numbers", token, "{\"number\":\"+14155550900\"}").status());
    }

    private static Set<Map<String, AttributeValue>> snapshot() {
        return TestBackend.snapshot(stack.backend().table);
    }

    /** The request is a 400 whose details name {@code field}, and the table is as it was. */
    private static void refused(String field, String method, String path, String body) {
        Set<Map<String, AttributeValue>> before = snapshot();
        Http.Answer answer = http.call(method, path, token, body);
        assertEquals(400, answer.status(), method + " " + path.substring(0, Math.min(path.length(), 80)) + ": " + answer.raw());
        List<String> fields = new ArrayList<>();
        answer.body().path("error").path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertTrue(fields.contains(field), field + " not in " + fields + ": " + answer.raw());
        assertEquals(before, snapshot(), "a refused request wrote to the table: " + method + " " + path);
    }

    private static String ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("\"u_" + i + "\"");
        }
        return "[" + String.join(",", ids) + "]";
    }

    @Test
    void longIdsAreA400InEveryPathSegmentQueryAndBodyField() {
        refused("userId", "GET", "/users/" + LONG_ID, null);
        refused("userId", "PATCH", "/users/" + LONG_ID, "{\"displayName\":\"x\"}");
        refused("userId", "GET", "/users/" + LONG_ID + "/contacts", null);
        refused("userId", "GET", "/users/" + LONG_ID + "/devices", null);
        refused("deviceId", "DELETE", "/users/" + userId + "/devices/" + LONG_ID, null);
        refused("userId", "DELETE", "/users/" + LONG_ID, null);
        refused("userId", "GET", "/users/" + LONG_ID + "/deletion-blockers", null);
        refused("jobId", "GET", "/jobs/" + LONG_ID, null);
        refused("queueId", "DELETE", "/queues/" + LONG_ID + "/members/" + userId, null);
        refused("callflowId", "GET", "/callflows/" + LONG_ID, null);
        refused("callflowId", "DELETE", "/callflows/" + LONG_ID + "/versions/1", null);
        refused("userId", "GET", "/agency/users/" + LONG_ID + "/roles", null);
        refused("number", "POST", "/numbers/" + "1".repeat(1100) + "/recycle", null);
        refused("userId", "GET", "/calls?userId=" + LONG_ID, null);
        refused("userId", "PUT", "/numbers/%2B14155550900/assignee", "{\"userId\":\"" + LONG_ID + "\"}");
        refused("targetCallflowId", "POST", "/callflows/cf_x/reassign", "{\"targetCallflowId\":\"" + LONG_ID + "\"}");
        refused("userId", "POST", "/callflows", "{\"name\":\"x\",\"kind\":\"DIRECT\",\"numbers\":[],\"userId\":\"" + LONG_ID + "\"}");
        refused("memberUserIds", "POST", "/queues", "{\"name\":\"q\",\"memberUserIds\":[\"" + LONG_ID + "\"]}");
        refused("callflows", "POST", "/users/" + userId + "/offboarding",
                "{\"callflows\":[{\"callflowId\":\"" + LONG_ID + "\",\"action\":\"DROP_FROM_GROUP\"}]}");
        Http.Answer signIn = http.post("/sessions", null,
                "{\"username\":\"target\",\"password\":\"Welcome-2026\",\"accountId\":\"" + LONG_ID + "\"}");
        assertEquals(400, signIn.status(), signIn.raw());
    }

    @Test
    void listsPastTheirLimitAreA400() {
        refused("memberUserIds", "POST", "/queues", "{\"name\":\"Big\",\"memberUserIds\":" + ids(91) + "}");
        refused("dialUserIds", "POST", "/callflows", "{\"name\":\"Big\",\"kind\":\"GROUP\",\"numbers\":[],\"dialUserIds\":"
                + ids(51) + "}");
        refused("dialUserIds", "POST", "/callflows/cf_x/versions", "{\"dialUserIds\":" + ids(51) + "}");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            numbers.add("\"+1415555" + String.format("%04d", i) + "\"");
        }
        refused("numbers", "POST", "/callflows", "{\"name\":\"Big\",\"kind\":\"DIRECT\",\"userId\":\"" + userId
                + "\",\"numbers\":[" + String.join(",", numbers) + "]}");
    }

    @Test
    void namesThatWouldMisleadAreRefusedAndRealScriptsKeptExactly() {
        List<String> bad = List.of("Bad\\u0000name", "Tab\\there", "\\u202Eevil", "Iso\\u2066late", "\\u200B\\u200B",
                "   \\u00A0 ", "Lone \\uD800 half", "Broken \\uFFFD bytes", "Zero\\u200Bwidth");
        for (String name : bad) {
            refused("displayName", "PATCH", "/users/" + userId, "{\"displayName\":\"" + name + "\"}");
            refused("name", "POST", "/queues", "{\"name\":\"" + name + "\",\"memberUserIds\":[]}");
            refused("name", "POST", "/callflows", "{\"name\":\"" + name + "\",\"kind\":\"GROUP\",\"numbers\":[],"
                    + "\"dialUserIds\":[\"" + userId + "\"]}");
            refused("name", "POST", "/users/" + userId + "/devices", "{\"kind\":\"SOFTPHONE\",\"name\":\"" + name + "\"}");
            refused("name", "POST", "/numbers/%2B14155550900/contacts", "{\"name\":\"" + name + "\",\"phone\":\"+14155550999\"}");
        }
        for (String name : List.of("سارة", "שרה כהן", "王小明", "Zoë 👩‍💻", "Ana María", "مریم\u200Cزاده")) {
            Http.Answer kept = http.call("PATCH", "/users/" + userId, token, "{\"displayName\":\"" + name + "\"}");
            assertEquals(200, kept.status(), kept.raw());
            assertEquals(name, kept.text("displayName"));
        }
    }

    @Test
    void aWeekdayNamedTwiceInBusinessHoursIsA400() {
        String hours = "{\"MONDAY\":{\"open\":\"09:00\",\"close\":\"17:00\"},\"monday\":{\"open\":\"10:00\",\"close\":\"12:00\"}}";
        refused("businessHours.monday", "PATCH", "/users/" + userId, "{\"businessHours\":" + hours + "}");
    }

    @Test
    void anIdOfTheRightFormButNobodysIsStillA404() {
        assertEquals(404, http.get("/users/" + URLEncoder.encode("u_" + "y".repeat(62), StandardCharsets.UTF_8), token)
                .status());
    }
}
