package com.cloudphone.local;

import static com.cloudphone.local.Console.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md rule 11 end to end, through the local stack: an agency, two sub-accounts, a user moved between them by
 * role changes (leaving one, coming back with another role), an agency admin who cannot be dropped from one
 * account, and removal from all accounts as a job run by the state machine.
 */
class AgencyScenarioTest extends StackTest {

    private static String roles(String... accountAndRole) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < accountAndRole.length; i += 2) {
            pairs.add("\"" + accountAndRole[i] + "\":\"" + accountAndRole[i + 1] + "\"");
        }
        return "{\"roles\":{" + String.join(",", pairs) + "}}";
    }

    private static List<String> userIds(String token) {
        List<String> ids = new ArrayList<>();
        http.get("/users", token).body().path("items").forEach(u -> ids.add(u.path("userId").asText()));
        return ids;
    }

    @Test
    void rolesAcrossSubAccountsAndRemovalFromAllOfThem() {
        Http.Answer agency = http.open("{\"name\":\"Northwind Agency\",\"plan\":\"TEAM\",\"paid\":true,\"agency\":true,"
                + "\"ownerUsername\":\"nw-admin\",\"ownerPassword\":\"Owner-pass-1\"}");
        String agencyToken = agency.text("token");
        String agencyAdmin = agency.text("ownerUserId");
        String agencyId = agency.text("accountId");
        Http.Answer east = http.open("{\"name\":\"East Clinic\",\"plan\":\"TEAM\",\"paid\":true,\"parentAccountId\":\""
                + agencyId + "\",\"ownerUsername\":\"east-owner\",\"ownerPassword\":\"Owner-pass-1\"}");
        Http.Answer west = http.open("{\"name\":\"West Clinic\",\"plan\":\"TEAM\",\"paid\":false,\"parentAccountId\":\""
                + agencyId + "\",\"ownerUsername\":\"west-owner\",\"ownerPassword\":\"Owner-pass-1\"}");
        String eastId = east.text("accountId");
        String westId = west.text("accountId");
        // the agency admin reaches every sub-account
        assertTrue(userIds(east.text("token")).contains(agencyAdmin));

        String pat = http.post("/users", east.text("token"), "{\"kind\":\"INTERNAL\",\"username\":\"pat\","
                + "\"password\":\"Welcome-2026\",\"displayName\":\"Pat\",\"extension\":\"201\"}").text("userId");

        // sub-accounts only, ADMIN or USER only, and only from the agency account with an agency admin's token
        Http.Answer badRole = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                roles(eastId, "USER", westId, "OWNER"));
        assertEquals(400, badRole.status(), badRole.raw());
        assertEquals("roles." + westId, badRole.body().path("error").path("details").get(0).path("field").asText());
        Http.Answer notOurs = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                roles(eastId, "USER", "a_elsewhere", "ADMIN"));
        assertEquals(400, notOurs.status(), notOurs.raw());
        assertEquals("roles.a_elsewhere", notOurs.body().path("error").path("details").get(0).path("field").asText());
        assertEquals(403, http.call("PUT", "/agency/users/" + pat + "/roles", east.text("token"),
                roles(eastId, "USER")).status());

        Http.Answer both = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                roles(eastId, "USER", westId, "ADMIN"));
        assertEquals(200, both.status(), both.raw());
        assertEquals("ADMIN", both.body().path("roles").path(westId).asText());
        assertEquals("USER", both.body().path("roles").path(eastId).asText());
        // the agency's accounts and every login in them, with a role per account, for the Agency screen
        JsonNode listed = http.get("/agency/users", agencyToken).body();
        assertEquals(agencyId, listed.path("agencyAccountId").asText(), listed.toString());
        List<String> accountIds = new ArrayList<>();
        listed.path("accounts").forEach(a -> accountIds.add(a.path("accountId").asText()));
        assertEquals(List.of(agencyId, eastId, westId), accountIds, "the agency first, then by name");
        assertTrue(listed.path("accounts").get(0).path("agency").asBoolean());
        JsonNode patRow = null;
        for (JsonNode u : listed.path("users")) {
            if (u.path("userId").asText().equals(pat)) {
                patRow = u;
            }
        }
        assertEquals("Pat", patRow.path("displayName").asText(), listed.toString());
        assertEquals("USER", patRow.path("roles").path(eastId).asText());
        assertEquals("ADMIN", patRow.path("roles").path(westId).asText());
        assertFalse(patRow.path("roles").has(agencyId));
        assertEquals(403, http.get("/agency/users", east.text("token")).status(), "only from the agency account");
        // a login in several accounts is asked which one, with the accounts named
        Http.Answer pick = http.post("/sessions", null, "{\"username\":\"pat\",\"password\":\"Welcome-2026\"}");
        assertEquals(400, pick.status(), pick.raw());
        JsonNode details = pick.body().path("error").path("details");
        assertEquals("accountId", details.get(0).path("field").asText(), pick.raw());
        assertEquals(eastId, details.get(1).path("accountId").asText(), pick.raw());
        assertEquals("East Clinic", details.get(1).path("name").asText(), pick.raw());
        assertEquals("USER", details.get(1).path("role").asText(), pick.raw());
        assertEquals("West Clinic", details.get(2).path("name").asText(), pick.raw());
        Http.Answer intoWest = http.post("/sessions", null, "{\"username\":\"pat\",\"password\":\"Welcome-2026\","
                + "\"accountId\":\"" + westId + "\"}");
        assertEquals(201, intoWest.status(), intoWest.raw());

        // dropping East from the list takes Pat out of East only
        Http.Answer westOnly = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken, roles(westId, "ADMIN"));
        assertEquals(200, westOnly.status(), westOnly.raw());
        assertFalse(westOnly.body().path("roles").has(eastId));
        assertFalse(userIds(east.text("token")).contains(pat));
        assertTrue(userIds(west.text("token")).contains(pat));

        // and brings them back there, with another role, while East's purge window is still open
        Http.Answer back = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                roles(eastId, "ADMIN", westId, "ADMIN"));
        assertEquals(200, back.status(), back.raw());
        assertEquals("ADMIN", http.get("/agency/users/" + pat + "/roles", agencyToken).body().path("roles")
                .path(eastId).asText());
        assertEquals("ADMIN", http.get("/users/" + pat, east.text("token")).body().path("role").asText());

        // West is a free account: its data goes as soon as a user leaves, so there is no coming back there
        assertEquals(200, http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken, roles(eastId, "ADMIN")).status());
        Http.Answer tooLate = http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                roles(eastId, "ADMIN", westId, "USER"));
        assertEquals(409, tooLate.status(), tooLate.raw());
        assertTrue(tooLate.body().path("error").path("message").asText().contains("purged"), tooLate.raw());

        // an agency admin leaves all accounts at once or none
        Http.Answer single = http.call("DELETE", "/users/" + agencyAdmin, east.text("token"), null);
        assertEquals(403, single.status(), "a sub-account admin never removes an agency admin: " + single.raw());
        assertEquals(409, http.call("PUT", "/agency/users/" + agencyAdmin + "/roles", agencyToken,
                roles(westId, "USER")).status());
        assertEquals(409, http.call("DELETE", "/agency/users/" + agencyAdmin, agencyToken, null).status(),
                "the agency's last agency admin stays");

        // removal from all accounts: a job, run by the state machine, polled like any other
        Http.Answer started = http.call("DELETE", "/agency/users/" + pat, agencyToken, null);
        assertEquals(202, started.status(), started.raw());
        Console console = new Console(http, agencyToken, agencyId);
        JsonNode job = awaitStatus(console, started.text("jobId"), "SUCCEEDED");
        assertEquals(List.of(eastId), List.of(job.path("plan").path("accounts").get(0).asText()), job.toString());
        assertEquals(1, job.path("plan").path("accounts").size(), job.toString());
        assertFalse(userIds(east.text("token")).contains(pat));
        assertFalse(userIds(west.text("token")).contains(pat));
        assertEquals(0, http.get("/agency/users/" + pat + "/roles", agencyToken).body().path("roles").size());
        assertEquals(403, http.post("/sessions", null, "{\"username\":\"pat\",\"password\":\"Welcome-2026\"}").status());

        // a second agency admin (the local stack's dev route: no API route makes one) can be removed everywhere
        Http.Answer nora = http.post("/dev/agency-admins", null, "{\"agencyAccountId\":\"" + agencyId
                + "\",\"username\":\"nora\",\"password\":\"Welcome-2026\",\"displayName\":\"Nora\"}");
        assertEquals(201, nora.status(), nora.raw());
        String noraId = nora.text("userId");
        assertEquals("AGENCY_ADMIN", http.get("/agency/users/" + noraId + "/roles", agencyToken).body().path("roles")
                .path(eastId).asText());
        assertEquals(400, http.post("/dev/agency-admins", null, "{\"agencyAccountId\":\"" + eastId
                + "\",\"username\":\"nora2\",\"password\":\"Welcome-2026\",\"displayName\":\"Nora\"}").status(),
                "a sub-account is not an agency");
        Http.Answer bidi = http.post("/dev/agency-admins", null, "{\"agencyAccountId\":\"" + agencyId
                + "\",\"username\":\"nora3\",\"password\":\"Welcome-2026\",\"displayName\":\"Nora\\u202e\"}");
        assertEquals(400, bidi.status(), "a display name is checked as on every other route: " + bidi.raw());
        assertEquals("displayName", bidi.body().path("error").path("details").get(0).path("field").asText(), bidi.raw());
        Http.Answer noraOut = http.call("DELETE", "/agency/users/" + noraId, agencyToken, null);
        assertEquals(202, noraOut.status(), noraOut.raw());
        awaitStatus(console, noraOut.text("jobId"), "SUCCEEDED");
        assertFalse(userIds(east.text("token")).contains(noraId));
        assertFalse(userIds(agencyToken).contains(noraId));
    }
}
