package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.json.Json;
import com.cloudphone.model.AdminCount;
import com.cloudphone.model.Member;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.Race;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Invariants that span members (docs/table.md, "Invariants kept by the database"): an account keeps an admin who
 * can sign in, an agency keeps an agency admin. Two admins act on each other at the same moment, 20 rounds each;
 * whatever interleaving the scheduler picks, one of them is refused and the invariant holds after every round.
 */
class AdminRaceTest {
    private static final int ROUNDS = 20;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private final TestBackend t = new TestBackend();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void twoAgencyAdminsRemovingEachOtherLeaveTheAgencyAnAgencyAdmin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            var agency = t.backend.accounts.open("Agency " + round, Plan.TEAM, true, null, "boss-" + round,
                    "Owner-pass-1", null, true);
            String agencyId = agency.account().accountId();
            t.backend.accounts.open("Sub " + round, Plan.TEAM, true, null, "sub-owner-" + round, "Owner-pass-1",
                    agencyId, false);
            Member other = t.backend.accounts.addAgencyAdmin(agencyId, "deputy-" + round, "Deputy-pass-1", "Deputy");
            Caller boss = new Caller(agency.owner().userId(), agencyId, "AGENCY_ADMIN");
            Caller deputy = new Caller(other.userId(), agencyId, "AGENCY_ADMIN");

            List<String> outcomes = race(() -> removeEverywhere(boss, deputy.userId()),
                    () -> removeEverywhere(deputy, boss.userId()));

            long left = t.backend.memberships.members(agencyId).stream()
                    .filter(m -> m.role() == Role.AGENCY_ADMIN && m.canSignIn()).count();
            assertEquals(1, left, "round " + round + ": " + outcomes + " left " + left + " agency admins");
            assertEquals(1, outcomes.stream().filter("OK"::equals).count(), outcomes.toString());
            assertEquals(new AdminCount(1, 1), t.backend.memberships.adminCount(agencyId),
                    "round " + round + ": the agency account's count is the survivor");
        }
    }

    @Test
    void twoAdminsDemotingEachOtherLeaveAnAdmin() throws Exception {
        raceTwoAdmins("demote", (a, b) -> () -> patch(a, b.userId(), false, null), (a, b) -> () -> patch(b, a.userId(), false, null));
    }

    @Test
    void twoAdminsSuspendingEachOtherLeaveAnAdmin() throws Exception {
        raceTwoAdmins("suspend", (a, b) -> () -> patch(a, b.userId(), null, true), (a, b) -> () -> patch(b, a.userId(), null, true));
    }

    @Test
    void twoAdminsDeletingEachOtherLeaveAnAdmin() throws Exception {
        raceTwoAdmins("delete", (a, b) -> () -> delete(a, b.userId()), (a, b) -> () -> delete(b, a.userId()));
    }

    @Test
    void aDemotionRacingADeletionLeavesAnAdmin() throws Exception {
        raceTwoAdmins("mixed", (a, b) -> () -> patch(a, b.userId(), false, null), (a, b) -> () -> delete(b, a.userId()));
    }

    /** Each round: a new account with two admins, who act on each other at once; an admin must be left. */
    private void raceTwoAdmins(String name, BiFunction<Caller, Caller, Callable<String>> first,
                               BiFunction<Caller, Caller, Callable<String>> second) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Caller[] admins = twoAdmins(name, round);
            race(first.apply(admins[0], admins[1]), second.apply(admins[0], admins[1]));
            assertAnAdminLeft(admins[0].accountId(), round);
        }
    }

    /** An account whose owner and a second admin can both sign in. */
    private Caller[] twoAdmins(String name, int round) {
        Caller owner = t.account(Plan.TEAM, true, name + "-owner-" + round, "Owner-pass-1");
        String second = t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, name + "-second-" + round, null,
                "Second-pass-1", "Second", null, null, null, true)).userId();
        return new Caller[] {owner, new Caller(second, owner.accountId(), "ADMIN")};
    }

    private void assertAnAdminLeft(String accountId, int round) {
        List<Member> admins = t.backend.memberships.members(accountId).stream()
                .filter(m -> m.isAdmin() && m.canSignIn()).toList();
        assertTrue(!admins.isEmpty(), "round " + round + ": account " + accountId + " has no admin who can sign in");
        assertEquals(new AdminCount(admins.size(), 0), t.backend.memberships.adminCount(accountId), "round " + round);
    }

    private String patch(Caller actor, String target, Boolean admin, Boolean suspended) {
        UserPatch patch = UserPatch.NONE;
        if (suspended != null) patch = patch.withSuspended(suspended);
        if (admin != null) patch = patch.withAdmin(admin);
        t.backend.users.patch(actor, target, patch);
        return "OK";
    }

    private String delete(Caller actor, String target) {
        t.backend.offboarding.deleteNow(actor, target);
        return "OK";
    }

    /** The request, then every step of its job in order, as the state machine runs them; the first refusal stops it. */
    private String removeEverywhere(Caller actor, String target) {
        String jobId = t.backend.agency.removeEverywhere(actor, target).jobId();
        Optional<String[]> started = t.started.stream().filter(s -> s[0].equals(jobId)).findFirst();
        Map<String, Object> input = Json.parseObject(started.orElseThrow()[1]);
        for (Object account : (List<?>) input.get("accounts")) {
            t.backend.steps.removeFromAccount(Map.of("jobId", jobId, "accountId", actor.accountId(), "userId", target,
                    "item", account));
        }
        t.backend.steps.finishAgencyRemoval(Map.of("jobId", jobId, "accountId", actor.accountId(), "userId", target));
        return "OK";
    }

    private static List<String> race(Callable<String> first, Callable<String> second) throws Exception {
        return Race.of(POOL, first, second);
    }
}
