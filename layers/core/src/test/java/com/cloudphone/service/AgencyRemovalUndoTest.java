package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.json.Json;
import com.cloudphone.model.Change;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Member;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A removal from every account of an agency that stops part way leaves the login as it was (docs/workflow.md):
 * the failure is made to happen at each account in turn, by a queue that starts to depend on the user just before
 * that account's step, and the state machine's failure path then puts the login back where the job had taken it out.
 */
class AgencyRemovalUndoTest {
    private final TestBackend t = new TestBackend();

    @Test
    void aRemovalThatStopsAtAnyAccountPutsTheLoginBackEverywhereItHadLeft() {
        for (int failAt = 0; failAt < 3; failAt++) {
            var agency = t.backend.accounts.open("Agency " + failAt, Plan.TEAM, true, null, "undo-boss-" + failAt,
                    "Owner-pass-1", null, true);
            String agencyId = agency.account().accountId();
            for (int i = 0; i < 2; i++) {
                t.backend.accounts.open("Sub " + failAt + i, Plan.TEAM, true, null, "undo-owner-" + failAt + i,
                        "Owner-pass-1", agencyId, false);
            }
            Caller boss = new Caller(agency.owner().userId(), agencyId, "AGENCY_ADMIN");
            Member deputy = t.backend.accounts.addAgencyAdmin(agencyId, "undo-deputy-" + failAt, "Deputy-pass-1", "Deputy");
            String firstSub = t.backend.accountStore.subAccounts(agencyId).get(0).accountId();
            t.backend.users.patch(new Caller(boss.userId(), firstSub, "AGENCY_ADMIN"), deputy.userId(),
                    UserPatch.NONE.withExtension(Change.to("301")));
            Map<String, String> rolesBefore = t.backend.agency.roles(boss, deputy.userId()).roles();
            List<Member> before = memberships(deputy.userId());

            String jobId = t.backend.agency.removeEverywhere(boss, deputy.userId()).jobId();
            List<?> accounts = (List<?>) Json.parseObject(t.started.get(t.started.size() - 1)[1]).get("accounts");
            StepFailed failed = null;
            for (int step = 0; step < accounts.size() && failed == null; step++) {
                String accountId = (String) accounts.get(step);
                if (step == failAt) {
                    t.backend.queues.create(new Caller(boss.userId(), accountId, "AGENCY_ADMIN"), "Late queue",
                            List.of(deputy.userId()));
                }
                Map<String, Object> in = Map.of("jobId", jobId, "accountId", agencyId, "userId", deputy.userId(),
                        "item", accountId);
                if (step == failAt) {
                    failed = assertThrows(StepFailed.class, () -> t.backend.steps.removeFromAccount(in));
                } else {
                    t.backend.steps.removeFromAccount(in);
                }
            }
            // the Catch hands the error to RecordFailure as Step Functions does: the Lambda's error name and cause
            Map<String, Object> error = Map.of("Error", StepFailed.ERROR_NAME,
                    "Cause", Json.write(Map.of("errorMessage", failed.getMessage())));
            t.backend.steps.recordFailure(Map.of("jobId", jobId, "accountId", agencyId, "error", error));

            String where = "failing at account " + failAt;
            assertEquals(rolesBefore, t.backend.agency.roles(boss, deputy.userId()).roles(), where);
            assertEquals(before, memberships(deputy.userId()), where + ": every membership as it was, extension too");
            Job job = t.backend.jobs.get(agencyId, jobId).orElseThrow();
            assertEquals(JobStatus.FAILED, job.status(), where);
            assertEquals("USER_HAS_DEPENDENCIES", Json.parseObject(job.errorJson()).get("code"), where);
            if (failAt > 0) {
                Map<String, Object> undo = Json.parseObject(job.stepsJson().get("undo"));
                assertEquals(accounts.subList(0, failAt), undo.get("restored"), where);
                assertEquals(List.of(), undo.get("notRestored"), where);
            }
            t.backend.accountStore.subAccounts(agencyId).forEach(sub -> assertTrue(
                    t.backend.memberships.member(sub.accountId(), deputy.userId()).orElseThrow().canSignIn(), where));
        }
    }

    @Test
    void aLoginWhoseExtensionWasTakenMeanwhileComesBackWithoutOne() {
        var agency = t.backend.accounts.open("Agency", Plan.TEAM, true, null, "ext-boss", "Owner-pass-1", null, true);
        String agencyId = agency.account().accountId();
        String sub = t.backend.accounts.open("Sub", Plan.TEAM, true, null, "ext-owner", "Owner-pass-1", agencyId,
                false).account().accountId();
        Caller boss = new Caller(agency.owner().userId(), agencyId, "AGENCY_ADMIN");
        Caller bossInSub = new Caller(agency.owner().userId(), sub, "AGENCY_ADMIN");
        Member deputy = t.backend.accounts.addAgencyAdmin(agencyId, "ext-deputy", "Deputy-pass-1", "Deputy");
        t.backend.users.patch(bossInSub, deputy.userId(), UserPatch.NONE.withExtension(Change.to("301")));
        String jobId = t.backend.agency.removeEverywhere(boss, deputy.userId()).jobId();
        t.backend.steps.removeFromAccount(Map.of("jobId", jobId, "accountId", agencyId, "userId", deputy.userId(),
                "item", sub));
        t.backend.users.add(bossInSub, new NewUser(com.cloudphone.model.UserKind.INTERNAL, "ext-taker", null,
                "Taker-pass-1", "Taker", "301", null, null, false));

        t.backend.steps.recordFailure(Map.of("jobId", jobId, "accountId", agencyId, "error",
                Map.of("Error", "States.Timeout", "Cause", "")));

        Member back = t.backend.memberships.member(sub, deputy.userId()).orElseThrow();
        assertTrue(back.canSignIn(), "back in the sub-account");
        assertEquals(null, back.extension(), "without the extension someone else holds now");
        assertEquals(List.of(sub), Json.parseObject(t.backend.jobs.get(agencyId, jobId).orElseThrow().stepsJson()
                .get("undo")).get("restored"));
    }

    @Test
    void anAccountWhoseSeatWasTakenMeanwhileIsReportedOnTheJob() {
        var agency = t.backend.accounts.open("Agency", Plan.TEAM, true, null, "seat-boss", "Owner-pass-1", null, true);
        String agencyId = agency.account().accountId();
        String sub = t.backend.accounts.open("Sub", Plan.TEAM, true, null, "seat-owner", "Owner-pass-1", agencyId,
                false).account().accountId();
        Caller boss = new Caller(agency.owner().userId(), agencyId, "AGENCY_ADMIN");
        Member deputy = t.backend.accounts.addAgencyAdmin(agencyId, "seat-deputy", "Deputy-pass-1", "Deputy");
        String jobId = t.backend.agency.removeEverywhere(boss, deputy.userId()).jobId();
        t.backend.steps.removeFromAccount(Map.of("jobId", jobId, "accountId", agencyId, "userId", deputy.userId(),
                "item", sub));
        // the seat the removal freed is gone: billing lowers the sub-account to what it now uses
        t.backend.billing.apply("PlanChanged", Map.of("accountId", sub, "plan", "SOLO"), t.clock.instant().toString());

        t.backend.steps.recordFailure(Map.of("jobId", jobId, "accountId", agencyId, "error",
                Map.of("Error", "States.Timeout", "Cause", "")));

        Job job = t.backend.jobs.get(agencyId, jobId).orElseThrow();
        assertEquals(JobStatus.FAILED, job.status());
        Map<String, Object> undo = Json.parseObject(job.stepsJson().get("undo"));
        assertEquals(List.of(), undo.get("restored"));
        List<?> notRestored = (List<?>) undo.get("notRestored");
        assertEquals(1, notRestored.size());
        assertEquals(Map.of("accountId", sub, "code", "SEAT_LIMIT_REACHED"), Map.of(
                "accountId", ((Map<?, ?>) notRestored.get(0)).get("accountId"),
                "code", ((Map<?, ?>) notRestored.get(0)).get("code")));
        assertTrue(String.valueOf(Json.parseObject(job.errorJson()).get("message")).contains("could not be put back"));
    }

    private List<Member> memberships(String userId) {
        List<Member> all = new ArrayList<>(t.backend.memberships.memberships(userId).stream()
                .map(m -> t.backend.memberships.member(m.accountId(), userId).orElseThrow()).toList());
        all.sort(java.util.Comparator.comparing(Member::accountId));
        return all;
    }
}
