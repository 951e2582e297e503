package com.cloudphone.local;

import static com.cloudphone.local.Console.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.local.sfn.Execution;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The help-center scenarios, end to end over HTTP, with the real state machine file run by the local runner. */
class OffboardingScenarioTest extends StackTest {
    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    @Test
    void seed003_queuesCallflowsAndALoggedInSoftphone() {
        Console c = new Console(http, "jet", "TEAM", true);
        String u1002 = c.user("jet-1002", "1002");
        String u1003 = c.user("jet-1003", "1003");
        String supervisor = c.user("jet-1009", "1009");
        c.queue("Demo 1", u1002, u1003);
        String directLine = c.number("+14155550102");
        String direct = c.direct("Direct 1002", u1002, directLine);
        String supervisorLine = c.direct("Supervisor", supervisor, c.number("+14155550109"));
        String sales = c.group("Sales", new String[] {c.number("+14155550201")}, u1002, u1003);
        String support = c.group("Support", new String[] {c.number("+14155550202")}, u1002, supervisor);
        String softphone = c.device(u1002, "SOFTPHONE", "Jet Phone on laptop");
        for (int i = 0; i < 3; i++) {
            c.call("+1312555010" + i, directLine, u1002, 60 + i, "2026-11-2" + i + "T15:00:00Z");
        }

        JsonNode blockers = c.ok(c.get("/users/" + u1002 + "/deletion-blockers"), 200).body().path("blockers");
        assertEquals(List.of("QUEUE", "CALLFLOW", "CALLFLOW", "CALLFLOW", "DEVICE"), texts(blockers, "type"));
        assertEquals("Demo 1", blockers.get(0).path("name").asText());
        assertEquals("1002", blockers.get(0).path("extension").asText());
        Http.Answer refused = c.ok(http.call("DELETE", "/users/" + u1002, c.token, null), 409);
        assertEquals("USER_HAS_DEPENDENCIES", refused.code());
        assertEquals(5, refused.body().path("error").path("details").size());

        String plan = "{\"queues\":\"REMOVE_ALL\",\"callflows\":["
                + "{\"callflowId\":\"" + direct + "\",\"action\":\"MOVE_NUMBERS\",\"targetCallflowId\":\"" + supervisorLine + "\"},"
                + "{\"callflowId\":\"" + sales + "\",\"action\":\"DROP_FROM_GROUP\"},"
                + "{\"callflowId\":\"" + support + "\",\"action\":\"DROP_FROM_GROUP\"}]}";
        String firstJob = c.offboard(u1002, plan);
        JsonNode failed = awaitStatus(c, firstJob, "FAILED");
        assertEquals("USER_LOGGED_IN", failed.path("error").path("code").asText());
        assertEquals(softphone, failed.path("error").path("details").get(0).path("deviceId").asText());

        // everything before the device check is done: out of the queue, groups edited, direct line moved and gone
        assertEquals(List.of(u1003), texts(c.get("/queues").body().path("items").get(0).path("members"), "userId"));
        for (String group : List.of(sales, support)) {
            JsonNode versions = c.get("/callflows/" + group).body().path("versions");
            assertEquals(1, versions.size(), versions.toString());
            assertEquals("ACTIVE", versions.get(0).path("status").asText());
            assertEquals(2, versions.get(0).path("version").asInt());
            assertFalse(versions.get(0).path("dialUserIds").toString().contains(u1002));
        }
        assertEquals(404, c.get("/callflows/" + direct).status());
        assertTrue(c.get("/callflows/" + supervisorLine).body().path("numbers").toString().contains(directLine));
        assertEquals("ACTIVE", c.get("/users/" + u1002).body().path("status").asText());

        // after logging out, posting the same plan again resumes and completes
        c.ok(http.call("DELETE", "/users/" + u1002 + "/devices/" + softphone, c.token, null), 204);
        String secondJob = c.offboard(u1002, plan);
        JsonNode waiting = awaitStatus(c, secondJob, "WAITING_FOR_PURGE");
        assertEquals("2026-12-22T09:00:00Z", waiting.path("steps").path("deleteUser").path("purgeAt").asText());
        assertEquals(404, c.get("/users/" + u1002).status());
        assertEquals(403, http.post("/sessions", null, "{\"username\":\"jet-1002\",\"password\":\"Welcome-2026\"}").status());
        assertEquals(3, c.get("/calls").body().path("items").size());
        assertEquals(400, c.get("/calls?userId=" + u1002).status());
        assertEquals(3, c.get("/users").body().path("items").size());
    }

    @Test
    void seed000_aReassignedNumberKeepsItsContactsAndAReleasedOneHandsThemToItsHeir() {
        Console c = new Console(http, "ca", "TEAM", false);
        String leaving = c.user("ca-leaving", "201");
        String heirUser = c.user("ca-heir", "202");
        String kept = c.number("+14155550301");
        String dropped = c.number("+14155550302");
        String office = c.number("+14155550309");
        c.assign(kept, leaving);
        c.assign(dropped, leaving);
        c.contact(kept, "Lead on kept");
        c.contact(dropped, "Lead on dropped 1");
        c.contact(dropped, "Lead on dropped 2");

        Http.Answer missing = c.ok(http.post("/users/" + leaving + "/offboarding", c.token, "{\"numbers\":[{\"number\":\""
                + kept + "\",\"action\":\"REASSIGN\",\"toUserId\":\"" + heirUser + "\"}]}"), 400);
        assertTrue(missing.raw().contains(dropped), missing.raw());

        String job = c.offboard(leaving, "{\"numbers\":["
                + "{\"number\":\"" + kept + "\",\"action\":\"REASSIGN\",\"toUserId\":\"" + heirUser + "\"},"
                + "{\"number\":\"" + dropped + "\",\"action\":\"RELEASE\",\"contactsHeir\":\"" + office + "\"}]}");
        awaitStatus(c, job, "SUCCEEDED");

        assertEquals(List.of("Lead on kept"), texts(c.get("/users/" + heirUser + "/contacts").body().path("contacts"), "name"));
        JsonNode numbers = c.get("/numbers").body().path("items");
        for (JsonNode n : numbers) {
            switch (n.path("number").asText()) {
                case "+14155550301" -> assertEquals(heirUser, n.path("assigneeUserId").asText());
                case "+14155550302" -> assertEquals("RELEASED", n.path("state").asText());
                default -> assertEquals("AVAILABLE", n.path("state").asText());
            }
        }
        c.assign(office, heirUser);
        assertEquals(List.of("Lead on dropped 1", "Lead on dropped 2", "Lead on kept"),
                texts(c.get("/users/" + heirUser + "/contacts").body().path("contacts"), "name").stream().sorted().toList());
        assertEquals("INVALID_STATE", c.ok(http.call("PUT", "/numbers/%2B14155550302/assignee", c.token,
                "{\"userId\":\"" + heirUser + "\"}"), 409).code());
        assertEquals(409, http.post("/numbers", c.token, "{\"number\":\"" + dropped + "\"}").status());
    }

    @Test
    void freeAccountsPurgeAtOnceAndPaidOnesAfter28Days() {
        Console free = new Console(http, "free", "SOLO", false);
        String freeUser = free.user("free-user", "301");
        free.call("+13125550100", free.number("+14155550401"), freeUser, 30, "2026-11-20T10:00:00Z");
        JsonNode freeJob = awaitStatus(free, free.offboard(freeUser, "{}"), "SUCCEEDED");
        assertEquals("PURGED", freeJob.path("steps").path("purge").path("outcome").asText());
        assertTrue(free.get("/calls").body().path("items").get(0).path("userLabel").asText().startsWith("Removed user "));

        Console paid = new Console(http, "paid", "SOLO", true);
        String paidUser = paid.user("paid-user", "302");
        paid.call("+13125550100", paid.number("+14155550402"), paidUser, 30, "2026-11-20T10:00:00Z");
        String paidJob = paid.offboard(paidUser, "{}");
        awaitStatus(paid, paidJob, "WAITING_FOR_PURGE");
        clock.advance(Duration.ofDays(27));
        paid.signInAgain();
        assertEquals("WAITING_FOR_PURGE", paid.get("/jobs/" + paidJob).body().path("status").asText());
        assertEquals("paid-user", paid.get("/calls").body().path("items").get(0).path("userName").asText());
        clock.advance(Duration.ofDays(1));
        paid.signInAgain();
        awaitStatus(paid, paidJob, "SUCCEEDED");
        JsonNode call = paid.get("/calls").body().path("items").get(0);
        assertTrue(call.path("userLabel").asText().startsWith("Removed user "), call.toString());
        assertTrue(call.path("userName").isMissingNode() && call.path("extension").isMissingNode(), call.toString());
    }

    @Test
    void aUserDeletedOverHttpIsPurgedByTheExecutionTheDeleteStarts() throws Exception {
        Console free = new Console(http, "direct", "SOLO", false);
        String user = free.user("direct-user", "303");
        free.call("+13125550100", free.number("+14155550403"), user, 30, "2026-11-20T10:00:00Z");
        JsonNode deleted = free.ok(http.call("DELETE", "/users/" + user, free.token, null), 200).body();
        assertEquals(deleted.path("removedAt").asText(), deleted.path("purgeAt").asText(), "free: purge due at once");

        Execution purge = stack.workflow().execution("purge-" + free.accountId + "-" + user + "-"
                + Instant.parse(deleted.path("removedAt").asText()).getEpochSecond()).get(30, TimeUnit.SECONDS);
        assertEquals(Execution.Status.SUCCEEDED, purge.status(), purge.error() + " " + purge.cause());
        assertEquals(List.of("Mode", "WaitForPurgeWindow", "PurgeData", "Done"), purge.statesEntered());
        JsonNode call = free.get("/calls").body().path("items").get(0);
        assertTrue(call.path("userLabel").asText().startsWith("Removed user "), call.toString());
    }
}
