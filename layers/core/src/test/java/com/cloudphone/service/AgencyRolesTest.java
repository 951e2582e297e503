package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** PUT /agency/users/{id}/roles is all or nothing across the sub-accounts it changes. */
class AgencyRolesTest {
    private final TestBackend t = new TestBackend();

    @Test
    void aSeatThatRunsOutInOneAccountLeavesEveryAccountAsItWas() {
        var agency = t.backend.accounts.open("Agency", Plan.TEAM, true, null, "roles-boss", "Owner-pass-1", null, true);
        Caller boss = new Caller(agency.owner().userId(), agency.account().accountId(), "AGENCY_ADMIN");
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subs.add(t.backend.accounts.open("Sub " + i, Plan.TEAM, true, null, "roles-owner" + i, "Owner-pass-1",
                    agency.account().accountId(), false).account().accountId());
        }
        subs.sort(null);
        Caller firstOwner = new Caller(t.backend.memberships.members(subs.get(0)).stream()
                .filter(m -> m.role() == Role.ADMIN).findFirst().orElseThrow().userId(), subs.get(0), "ADMIN");
        String pat = t.backend.users.add(firstOwner, new NewUser(UserKind.INTERNAL, "roles-pat", null, "Welcome-2026",
                "Pat", "201", null, null, false)).userId();
        // the last account in id order (changed last) has no seat left: SOLO holds its owner and the agency admin
        t.backend.billing.apply("PlanChanged", Map.of("accountId", subs.get(2), "plan", "SOLO"),
                t.clock.instant().toString());
        var before = t.snapshot();

        Map<String, Role> wanted = new TreeMap<>(Map.of(subs.get(0), Role.ADMIN, subs.get(1), Role.USER,
                subs.get(2), Role.USER));
        ApiException refused = assertThrows(ApiException.class, () -> t.backend.agency.setRoles(boss, pat, wanted));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, refused.code());
        assertEquals(before, t.snapshot(), "the role change in the first account and the join of the second stay undone");

        wanted.remove(subs.get(2));
        var roles = t.backend.agency.setRoles(boss, pat, wanted).roles();
        assertEquals(Map.of(subs.get(0), "ADMIN", subs.get(1), "USER"), roles);
    }
}
