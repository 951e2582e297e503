package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kept answer is replayed only to a caller who could still send the request: access is checked first. */
class IdempotentReplayTest extends StackTest {
    private static String addUser(String username, String extension) {
        return "{\"kind\":\"INTERNAL\",\"username\":\"" + username + "\",\"password\":\"Welcome-2026\","
                + "\"displayName\":\"" + username + "\",\"extension\":\"" + extension + "\"}";
    }

    /** An account with its owner and a second admin who signs in; returns {owner token, admin id, admin token}. */
    private static String[] accountWithSecondAdmin(String prefix) {
        String owner = http.openAccount(prefix, "TEAM", prefix + "-owner").text("token");
        String admin = http.post("/users", owner, "{\"kind\":\"INTERNAL\",\"username\":\"" + prefix + "-admin\","
                + "\"password\":\"Welcome-2026\",\"displayName\":\"Second admin\",\"admin\":true}").text("userId");
        return new String[] {owner, admin, http.signIn(prefix + "-admin", "Welcome-2026")};
    }

    @Test
    void aSuspendedCallerGetsNoReplay() {
        String[] a = accountWithSecondAdmin("replay-suspended");
        Map<String, String> key = Map.of("Idempotency-Key", "replay-0001");
        assertEquals(201, http.call("POST", "/users", a[2], addUser("rs-user", "5001"), key).status());
        assertEquals(200, http.call("PATCH", "/users/" + a[1], a[0], "{\"suspended\":true}").status());
        Http.Answer replay = http.call("POST", "/users", a[2], addUser("rs-user", "5001"), key);
        assertEquals(401, replay.status(), replay.raw());
    }

    @Test
    void aCallerWhoLostAdminAccessGetsNoReplay() {
        String[] a = accountWithSecondAdmin("replay-demoted");
        Map<String, String> key = Map.of("Idempotency-Key", "replay-0002");
        assertEquals(201, http.call("POST", "/users", a[2], addUser("rd-user", "5002"), key).status());
        assertEquals(200, http.call("PATCH", "/users/" + a[1], a[0], "{\"admin\":false}").status());
        Http.Answer replay = http.call("POST", "/users", a[2], addUser("rd-user", "5002"), key);
        assertEquals(403, replay.status(), replay.raw());
        Http.Answer fresh = http.call("POST", "/users", http.signIn("replay-demoted-admin", "Welcome-2026"),
                addUser("rd-user", "5002"), key);
        assertEquals(403, fresh.status(), fresh.raw());
    }

    @Test
    void aTokenEndedByAPasswordChangeGetsNoReplay() {
        String[] a = accountWithSecondAdmin("replay-password");
        Map<String, String> key = Map.of("Idempotency-Key", "replay-0003");
        assertEquals(201, http.call("POST", "/users", a[2], addUser("rp-user", "5003"), key).status());
        clock.advance(Duration.ofMillis(1));
        assertEquals(200, http.call("PATCH", "/users/" + a[1], a[2],
                "{\"password\":\"Changed-2026-x\",\"currentPassword\":\"Welcome-2026\"}").status());
        Http.Answer replay = http.call("POST", "/users", a[2], addUser("rp-user", "5003"), key);
        assertEquals(401, replay.status(), replay.raw());
    }
}
