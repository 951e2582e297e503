package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC rule 4, the role of the target and not only of the caller, on every route that changes or removes a member:
 * <ul>
 *   <li>{@code PATCH /users/{id}}: settings, admin access and suspension of an outranking member are refused; the
 *       password and email (the login's, shared by all its accounts) need the login itself with its current
 *       password, or an admin of every account the login belongs to;</li>
 *   <li>{@code DELETE /users/{id}} and {@code POST /users/{id}/offboarding}: never on an outranking member;</li>
 *   <li>{@code POST} and {@code DELETE /users/{id}/devices}: never on an outranking member's devices.</li>
 * </ul>
 * The rest read ({@code GET /users/{id}}, contacts, blockers) or name the user as a target of something else
 * (numbers, queues, callflows), which changes nothing of the member; the agency routes are for agency admins only.
 */
class TargetRoleTest extends StackTest {
    private static String agencyAdmin;
    private static String agencyToken;
    private static String eastId;
    private static String westId;
    private static String eastAdminToken;
    private static String westAdminToken;
    private static String agencyAdminInEast;

    @BeforeAll
    static void start() throws Exception {
        Http.Answer agency = http.open("{\"name\":\"Agency\",\"plan\":\"TEAM\",\"paid\":true,\"agency\":true,"
                + "\"ownerUsername\":\"boss\",\"ownerPassword\":\"Owner-pass-1\"}");
        agencyAdmin = agency.text("ownerUserId");
        agencyToken = agency.text("token");
        Http.Answer east = http.open("{\"name\":\"East\",\"plan\":\"TEAM\",\"paid\":true,\"parentAccountId\":\""
                + agency.text("accountId") + "\",\"ownerUsername\":\"east-owner\",\"ownerPassword\":\"Owner-pass-1\"}");
        Http.Answer west = http.open("{\"name\":\"West\",\"plan\":\"TEAM\",\"paid\":true,\"parentAccountId\":\""
                + agency.text("accountId") + "\",\"ownerUsername\":\"west-owner\",\"ownerPassword\":\"Owner-pass-1\"}");
        eastId = east.text("accountId");
        westId = west.text("accountId");
        eastAdminToken = east.text("token");
        westAdminToken = west.text("token");
        agencyAdminInEast = signIn("boss", "Owner-pass-1", eastId);
    }


    private static String signIn(String username, String password, String accountId) {
        Http.Answer a = http.post("/sessions", null, "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"accountId\":\"" + accountId + "\"}");
        assertEquals(201, a.status(), a.raw());
        return a.text("token");
    }

    private static Http.Answer patch(String token, String userId, String body) {
        return http.call("PATCH", "/users/" + userId, token, body);
    }

    private static void refused(Http.Answer answer) {
        assertEquals(403, answer.status(), answer.raw());
        assertEquals("FORBIDDEN", answer.code(), answer.raw());
    }

    @Test
    void aSubAccountAdminCannotTakeOverTheAgencyAdmin() {
        refused(patch(eastAdminToken, agencyAdmin, "{\"password\":\"Taken-over-1\"}"));
        refused(patch(eastAdminToken, agencyAdmin, "{\"email\":\"attacker@example.com\"}"));
        refused(patch(eastAdminToken, agencyAdmin, "{\"admin\":false}"));
        refused(patch(eastAdminToken, agencyAdmin, "{\"suspended\":true}"));
        refused(patch(eastAdminToken, agencyAdmin, "{\"displayName\":\"Not the boss\"}"));
        refused(http.call("DELETE", "/users/" + agencyAdmin, eastAdminToken, null));
        refused(http.post("/users/" + agencyAdmin + "/offboarding", eastAdminToken, "{\"queues\":\"REMOVE_ALL\"}"));
        refused(http.post("/users/" + agencyAdmin + "/devices", eastAdminToken,
                "{\"kind\":\"SOFTPHONE\",\"name\":\"Planted\"}"));
        String device = http.post("/users/" + agencyAdmin + "/devices", agencyAdminInEast,
                "{\"kind\":\"SOFTPHONE\",\"name\":\"Laptop\"}").text("deviceId");
        refused(http.call("DELETE", "/users/" + agencyAdmin + "/devices/" + device, eastAdminToken, null));
        assertEquals(204, http.call("DELETE", "/users/" + agencyAdmin + "/devices/" + device, agencyAdminInEast, null)
                .status());

        // nothing changed: the agency admin still signs in to the agency with the old password, as agency admin
        Http.Answer me = http.get("/users/" + agencyAdmin, signIn("boss", "Owner-pass-1", eastId));
        assertEquals("AGENCY_ADMIN", me.text("role"), me.raw());
        assertEquals(401, http.post("/sessions", null, "{\"username\":\"boss\",\"password\":\"Taken-over-1\"}").status());
        // and the agency admin's own way out is still the agency-wide one (409), not the sub-account's
        assertEquals(409, http.call("DELETE", "/users/" + agencyAdmin, agencyAdminInEast, null).status());
    }

    @Test
    void theLoginsPasswordAndEmailNeedAnAdminOfEveryOneOfItsAccounts() {
        String kim = http.post("/users", eastAdminToken, "{\"kind\":\"INTERNAL\",\"username\":\"kim\","
                + "\"password\":\"Welcome-2026\",\"displayName\":\"Kim\",\"extension\":\"301\"}").text("userId");
        Http.Answer both = http.call("PUT", "/agency/users/" + kim + "/roles", agencyToken,
                "{\"roles\":{\"" + eastId + "\":\"USER\",\"" + westId + "\":\"USER\"}}");
        assertEquals(200, both.status(), both.raw());

        // East's admin is not West's: Kim's login is out of their reach, Kim's East settings are not
        refused(patch(eastAdminToken, kim, "{\"password\":\"Taken-over-1\"}"));
        refused(patch(eastAdminToken, kim, "{\"email\":\"kim@attacker.example\"}"));
        assertEquals(200, patch(eastAdminToken, kim, "{\"displayName\":\"Kim (East)\"}").status());

        // the agency admin is an admin of both: allowed, and the email is the login's in both accounts
        Http.Answer byAgency = patch(agencyAdminInEast, kim, "{\"email\":\"kim@clinic.example\"}");
        assertEquals(200, byAgency.status(), byAgency.raw());
        assertEquals("kim@clinic.example", http.get("/users/" + kim, westAdminToken).text("email"));
        assertEquals(200, patch(agencyAdminInEast, kim, "{\"password\":\"Reset-by-agency-1\"}").status());

        // Kim on themself: the current password proves it is Kim, for the email as for the password
        String kimToken = signIn("kim", "Reset-by-agency-1", westId);
        Http.Answer noProof = patch(kimToken, kim, "{\"email\":\"kim@home.example\"}");
        assertEquals(400, noProof.status(), noProof.raw());
        assertEquals("currentPassword", noProof.body().path("error").path("details").get(0).path("field").asText());
        assertEquals(200, patch(kimToken, kim, "{\"email\":\"kim@home.example\",\"currentPassword\":\"Reset-by-agency-1\"}")
                .status());
        assertEquals("kim@home.example", http.get("/users/" + kim, eastAdminToken).text("email"));
    }

    @Test
    void anAdminStillManagesTheUsersOfTheirOwnAccount() {
        String lee = http.post("/users", westAdminToken, "{\"kind\":\"INTERNAL\",\"username\":\"lee\","
                + "\"password\":\"Welcome-2026\",\"displayName\":\"Lee\",\"extension\":\"401\"}").text("userId");
        assertEquals(200, patch(westAdminToken, lee, "{\"password\":\"Reset-by-admin-1\"}").status());
        assertEquals(200, patch(westAdminToken, lee, "{\"email\":\"lee@west.example\",\"admin\":true}").status());
        // now an ADMIN like them: same rank, still theirs to manage
        assertEquals(200, patch(westAdminToken, lee, "{\"admin\":false,\"suspended\":true}").status());
        assertEquals(200, http.call("DELETE", "/users/" + lee, westAdminToken, null).status());
    }
}
