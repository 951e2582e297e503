package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /me: the token's own membership and account, never another's; seats for admins only. */
class MeTest extends StackTest {

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(name).asText()));
        return values;
    }

    @Test
    void anAdminAndAUserSeeThemselvesInTheirAccount() {
        Console admin = new Console(http, "me-acme", "SOLO", true);
        String userId = admin.user("me-plain", "201");
        JsonNode me = admin.ok(admin.get("/me"), 200).body();
        assertEquals(admin.ownerUserId, me.path("user").path("userId").asText());
        assertEquals("ADMIN", me.path("user").path("role").asText());
        assertEquals(admin.accountId, me.path("accountId").asText());
        assertEquals("me-acme", me.path("accountName").asText());
        assertEquals("SOLO", me.path("plan").asText());
        assertEquals(2, me.path("seatsUsed").asInt());
        assertEquals(2, me.path("seats").asInt());
        assertEquals(List.of(admin.accountId), field(me.path("accounts"), "accountId"));
        assertTrue(me.toString().indexOf("password") < 0, me.toString());

        JsonNode plain = http.get("/me", http.signIn("me-plain", "Welcome-2026")).body();
        assertEquals(userId, plain.path("user").path("userId").asText());
        assertEquals("USER", plain.path("user").path("role").asText());
        assertTrue(plain.path("seats").isNull() || plain.path("seats").isMissingNode(), plain.toString());
        assertEquals(401, http.get("/me", null).status());
    }

    @Test
    void anAgencyAdminSeesTheTokensAccountAndEveryAccountOfTheLogin() {
        Http.Answer agency = http.open("{\"name\":\"Me agency\",\"plan\":\"TEAM\",\"paid\":true,\"agency\":true,"
                + "\"ownerUsername\":\"me-boss\",\"ownerPassword\":\"Owner-pass-1\"}");
        Http.Answer east = http.open("{\"name\":\"Me east\",\"plan\":\"TEAM\",\"paid\":true,\"parentAccountId\":\""
                + agency.text("accountId") + "\",\"ownerUsername\":\"me-east\",\"ownerPassword\":\"Owner-pass-1\"}");
        Http.Answer inEast = http.post("/sessions", null, "{\"username\":\"me-boss\",\"password\":\"Owner-pass-1\","
                + "\"accountId\":\"" + east.text("accountId") + "\"}");
        assertEquals(201, inEast.status(), inEast.raw());
        JsonNode me = http.get("/me", inEast.text("token")).body();
        assertEquals(east.text("accountId"), me.path("accountId").asText());
        assertEquals("Me east", me.path("accountName").asText());
        assertEquals("AGENCY_ADMIN", me.path("user").path("role").asText());
        assertEquals(agency.text("accountId"), me.path("parentAccountId").asText(), "a sub-account names its agency");
        assertTrue(http.get("/me", agency.text("token")).body().path("parentAccountId").isMissingNode(),
                "the agency account has no parent");
        List<String> expected = new ArrayList<>(List.of(agency.text("accountId"), east.text("accountId")));
        expected.sort(null);
        assertEquals(expected, field(me.path("accounts"), "accountId"));
        // the east owner's login belongs to east only: the agency is not listed for them
        JsonNode eastOwner = http.get("/me", east.text("token")).body();
        assertEquals(List.of(east.text("accountId")), field(eastOwner.path("accounts"), "accountId"));
        assertEquals("ADMIN", eastOwner.path("accounts").get(0).path("role").asText());
    }
}
