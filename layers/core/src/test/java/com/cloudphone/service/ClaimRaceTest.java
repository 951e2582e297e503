package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.Race;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The unique claims (docs/table.md, invariants): two requests for the same username, email, extension or number at
 * the same moment, 20 rounds each; exactly one gets it, the other the claim's refusal.
 */
class ClaimRaceTest {
    private static final int ROUNDS = 20;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private final TestBackend t = new TestBackend();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void oneUsernameOneLogin() throws Exception {
        Caller a = t.account(Plan.TEAM, true, "claims-a", "Owner-pass-1");
        Caller b = t.account(Plan.TEAM, true, "claims-b", "Owner-pass-1");
        for (int round = 0; round < ROUNDS; round++) {
            String name = "same-" + round;
            assertOneWins("USERNAME_TAKEN", race(() -> add(a, name, null, null), () -> add(b, name, null, null)));
        }
    }

    @Test
    void oneEmailOneLogin() throws Exception {
        Caller a = t.account(Plan.TEAM, true, "mail-a", "Owner-pass-1");
        Caller b = t.account(Plan.TEAM, true, "mail-b", "Owner-pass-1");
        for (int round = 0; round < ROUNDS; round++) {
            String email = "same" + round + "@example.com";
            assertOneWins("EMAIL_TAKEN", race(() -> add(a, null, email, null), () -> add(b, null, email.toUpperCase(), null)));
        }
    }

    @Test
    void oneExtensionPerAccount() throws Exception {
        Caller a = t.account(Plan.TEAM, true, "ext-a", "Owner-pass-1");
        for (int round = 0; round < 10; round++) { // 20 users: within the TEAM plan's 25 seats
            String ext = Integer.toString(300 + round);
            int r = round;
            assertOneWins("EXTENSION_TAKEN", race(() -> add(a, "ext-x" + r, null, ext), () -> add(a, "ext-y" + r, null, ext)));
        }
    }

    @Test
    void oneAccountPerNumber() throws Exception {
        Caller a = t.account(Plan.TEAM, true, "num-a", "Owner-pass-1");
        Caller b = t.account(Plan.TEAM, true, "num-b", "Owner-pass-1");
        for (int round = 0; round < ROUNDS; round++) {
            String number = "+1415556" + String.format("%04d", round);
            assertOneWins("NUMBER_TAKEN", race(() -> number(a, number), () -> number(b, number)));
        }
    }

    private String add(Caller admin, String username, String email, String extension) {
        t.backend.users.add(admin, new NewUser(username == null ? UserKind.INVITED : UserKind.INTERNAL, username, email,
                username == null ? null : "Racer-pass-1", "Racer", extension, null, null, false));
        return "OK";
    }

    private String number(Caller admin, String e164) {
        t.backend.numberService.add(admin, e164);
        return "OK";
    }

    private static void assertOneWins(String refusal, List<String> outcomes) {
        assertEquals(1, outcomes.stream().filter("OK"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(refusal::equals).count(), outcomes.toString());
    }

    private static List<String> race(Callable<String> first, Callable<String> second) throws Exception {
        return Race.of(POOL, first, second);
    }
}
