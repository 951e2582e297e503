package com.cloudphone.local;

import static com.cloudphone.local.Console.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /jobs[?status=]: an admin's own account's jobs only, newest first; USERs and other accounts get nothing. */
class JobsListTest extends StackTest {
    private static List<String> ids(JsonNode jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(j -> ids.add(j.path("jobId").asText()));
        return ids;
    }

    @Test
    void listsTheAccountsJobsAndNoOneElses() {
        Console mine = new Console(http, "jl-mine", "TEAM", true);
        Console theirs = new Console(http, "jl-theirs", "TEAM", true);
        String leaving = mine.user("jl-leaving", "201");
        mine.device(leaving, "SOFTPHONE", "Desk laptop");
        String failed = mine.offboard(leaving, "{}");
        awaitStatus(mine, failed, "FAILED");
        clock.advance(Duration.ofMinutes(1));
        String done = mine.offboard(mine.user("jl-other", "202"), "{}");
        awaitStatus(mine, done, "WAITING_FOR_PURGE");
        String foreign = theirs.offboard(theirs.user("jl-foreign", "301"), "{}");
        awaitStatus(theirs, foreign, "WAITING_FOR_PURGE");

        JsonNode all = mine.ok(mine.get("/jobs"), 200).body().path("items");
        assertEquals(List.of(done, failed), ids(all));
        assertEquals(leaving, all.get(1).path("userId").asText());
        assertEquals("USER_LOGGED_IN", all.get(1).path("error").path("code").asText());
        assertEquals(List.of(failed), ids(mine.ok(mine.get("/jobs?status=FAILED"), 200).body().path("items")));
        assertEquals(List.of(done), ids(mine.ok(mine.get("/jobs?status=waiting_for_purge"), 200).body().path("items")));
        assertEquals(List.of(), ids(mine.ok(mine.get("/jobs?status=RUNNING"), 200).body().path("items")));
        assertEquals(List.of(foreign), ids(theirs.ok(theirs.get("/jobs"), 200).body().path("items")));

        // another account's job id is not found, not forbidden: its existence does not leak
        Http.Answer other = mine.ok(mine.get("/jobs/" + foreign), 404);
        assertEquals("NOT_FOUND", other.code());

        Http.Answer bad = mine.ok(mine.get("/jobs?status=LOST"), 400);
        assertEquals("status", bad.body().path("error").path("details").get(0).path("field").asText());
    }

    @Test
    void aUserCannotListJobs() {
        Console admin = new Console(http, "jl-user", "TEAM", true);
        admin.user("jl-plain", "401");
        String token = http.signIn("jl-plain", "Welcome-2026");
        assertEquals(403, http.get("/jobs", token).status());
        assertEquals(401, http.get("/jobs", null).status());
    }
}
