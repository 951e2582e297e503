package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Member;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests the rules will refuse are refused before anything is written (docs/rules.md rules 11 and 14): not as a
 * job that empties the user's queues, callflows and numbers and only then stops at the delete.
 */
class RefusedUpFrontTest {
    private final TestBackend t = new TestBackend();

    @Test
    void offboardingTheLastAdminIsRefusedBeforeAnyStep() {
        Caller owner = t.account(Plan.TEAM, true, "upfront-owner", "Owner-pass-1");
        var before = t.snapshot();
        ApiException refused = assertThrows(ApiException.class, () -> t.backend.offboarding.start(owner,
                owner.userId(), new OffboardingPlan(true, List.of(), List.of())));
        assertEquals(ErrorCode.INVALID_STATE, refused.code());
        assertEquals(before, t.snapshot(), "no job, no execution, nothing written");
        assertEquals(List.of(), t.started);
    }

    @Test
    void offboardingAnAgencyAdminFromOneSubAccountIsRefusedBeforeAnyStep() {
        var agency = t.backend.accounts.open("Agency", Plan.TEAM, true, null, "upfront-boss", "Owner-pass-1", null, true);
        String sub = t.backend.accounts.open("Sub", Plan.TEAM, true, null, "upfront-sub", "Owner-pass-1",
                agency.account().accountId(), false).account().accountId();
        Member subOwner = t.backend.memberships.members(sub).stream()
                .filter(m -> m.userId().equals(t.backend.logins.loginByUsername("upfront-sub").orElseThrow().userId()))
                .findFirst().orElseThrow();
        Caller boss = new Caller(agency.owner().userId(), sub, "AGENCY_ADMIN");
        Member deputy = t.backend.accounts.addAgencyAdmin(agency.account().accountId(), "upfront-deputy",
                "Deputy-pass-1", "Deputy");
        var before = t.snapshot();
        int started = t.started.size();
        ApiException refused = assertThrows(ApiException.class, () -> t.backend.offboarding.start(boss,
                deputy.userId(), new OffboardingPlan(true, List.of(), List.of())));
        assertEquals(ErrorCode.INVALID_STATE, refused.code());
        assertEquals(before, t.snapshot());
        assertEquals(started, t.started.size());
        assertEquals("ADMIN", subOwner.role().name());
    }

    @Test
    void anAgencyAdminIsNotDemotedInOneAccount() {
        var agency = t.backend.accounts.open("Agency", Plan.TEAM, true, null, "demote-boss", "Owner-pass-1", null, true);
        String sub = t.backend.accounts.open("Sub", Plan.TEAM, true, null, "demote-sub", "Owner-pass-1",
                agency.account().accountId(), false).account().accountId();
        Member deputy = t.backend.accounts.addAgencyAdmin(agency.account().accountId(), "demote-deputy",
                "Deputy-pass-1", "Deputy");
        Caller boss = new Caller(agency.owner().userId(), sub, "AGENCY_ADMIN");
        var before = t.snapshot();
        ApiException refused = assertThrows(ApiException.class, () -> t.backend.users.patch(boss, deputy.userId(),
                UserPatch.NONE.withAdmin(false)));
        assertEquals(ErrorCode.INVALID_STATE, refused.code());
        assertEquals(before, t.snapshot(), "still an agency admin in every account");
    }
}
