package com.cloudphone.service;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgeServiceTest {
    private final TestBackend t = new TestBackend();

    @Test
    void paidAccountsKeepDataFor28DaysThenPurgeAnonymisesCallsAndErasesTheProfile() {
        Scenario s = new Scenario(t, Plan.TEAM, true);
        var leaving = s.user("1002");
        String to = s.number("+14155550100");
        for (int i = 0; i < 30; i++) {
            t.backend.calls.record(s.admin, "+1415555" + String.format("%04d", i), to, leaving.userId(), i,
                    "2026-11-2" + (i % 3) + "T10:00:" + String.format("%02d", i) + "Z");
        }
        t.backend.deletion.delete(s.admin, leaving.userId());

        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> t.backend.purge.purge(s.admin.accountId(), leaving.userId())).code());
        assertTrue(t.backend.purge.sweep().get("purged").toString().equals("[]"));
        t.clock.advance(Duration.ofDays(28));

        Map<String, Object> swept = t.backend.purge.sweep();
        assertEquals(List.of(s.admin.accountId() + "/" + leaving.userId()), swept.get("purged"));
        var calls = t.backend.calls.list(s.admin, null, PageRequest.FIRST).items();
        assertEquals(30, calls.size());
        String label = calls.get(0).userLabel();
        assertTrue(label.startsWith("Removed user "), label);
        assertTrue(calls.stream().allMatch(c -> label.equals(c.userLabel()) && c.userId() == null
                && c.userName() == null && c.extension() == null));
        assertTrue(t.backend.memberships.member(s.admin.accountId(), leaving.userId()).isEmpty());
        assertTrue(t.backend.logins.login(leaving.userId()).isEmpty());
        assertTrue(t.backend.logins.loginByUsername(leaving.username()).isEmpty());
        assertEquals("UserPurged", t.bus.published().get(t.bus.published().size() - 1).type());

        var before = t.snapshot();
        assertEquals("ALREADY_PURGED", t.backend.purge.purge(s.admin.accountId(), leaving.userId()).get("outcome"));
        assertEquals(Map.of("purged", List.of(), "failed", List.of()), t.backend.purge.sweep());
        assertEquals(before, t.snapshot(), "a second purge changed the table");
    }

    @Test
    void theSweepFinishesAJobWhoseExecutionWasLostDuringTheWait() throws Exception {
        Scenario s = new Scenario(t, Plan.TEAM, true);
        var leaving = s.user("1002");
        String jobId = t.backend.offboarding.start(s.admin, leaving.userId(),
                new OffboardingPlan(false, List.of(), List.of())).jobId();
        var input = com.cloudphone.json.Json.parseObject(t.started.get(0)[1]);
        t.backend.steps.removeFromQueues(input);
        t.backend.steps.deleteUser(input);
        assertEquals("WAITING_FOR_PURGE", t.backend.jobs.get(s.admin.accountId(), jobId).orElseThrow().status().name());
        // the execution is gone; 28 days later the hourly sweep does its purge and ends its job
        t.clock.advance(Duration.ofDays(28));
        t.backend.purge.sweep();
        var job = t.backend.jobs.get(s.admin.accountId(), jobId).orElseThrow();
        assertEquals("SUCCEEDED", job.status().name());
        assertEquals("DONE", job.currentStep());
        assertTrue(job.stepsJson().get("purge").contains("PURGED"));
    }

    @Test
    void aLoginThatIsAMemberElsewhereKeepsItsIdentity() {
        Scenario agency = new Scenario(t, Plan.TEAM, true);
        Scenario client = new Scenario(t, Plan.TEAM, false);
        var person = agency.user("1002");
        t.backend.memberships.addMembership(new Member(client.admin.accountId(), person.userId(), UserKind.INTERNAL,
                Role.USER, MemberStatus.ACTIVE, person.username(), null, "Person", null, null, null, false, false,
                t.clock.instant().toString()), new com.cloudphone.model.DomainEvent("UserAdded", client.admin.accountId(),
                t.clock.instant().toString(), java.util.Map.of("userId", person.userId())));

        t.backend.deletion.delete(client.admin, person.userId());
        assertEquals("PURGED", t.backend.purge.purge(client.admin.accountId(), person.userId()).get("outcome"));
        assertTrue(t.backend.logins.login(person.userId()).isPresent());
        assertFalse(t.backend.sessions.signIn(person.username(), "Welcome-2026", null).token().isEmpty());
        assertNull(t.backend.memberships.member(client.admin.accountId(), person.userId()).orElse(null));
    }
}
