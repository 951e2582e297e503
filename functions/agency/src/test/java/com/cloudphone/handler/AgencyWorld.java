package com.cloudphone.handler;

import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import java.util.Map;

/**
 * The sample world of the agency-*.json events: agency a_sampleagency (its agency admin u_sampleagencyadmin),
 * sub-account a_samplesub (owner u_samplesubowner, the agency admin, and u_samplemover as a USER).
 */
final class AgencyWorld {
    static final String AGENCY = "a_sampleagency";
    static final String AGENCY_ADMIN = "u_sampleagencyadmin";
    static final String SUB = "a_samplesub";
    static final String SUB_OWNER = "u_samplesubowner";
    static final String MOVER = "u_samplemover";

    private AgencyWorld() {
    }

    static void seed(TestBackend t) {
        String now = t.clock.instant().toString();
        t.backend.accountStore.createAccount(new Account(AGENCY, "Sample agency", Plan.TEAM, true, null, 1, null, now, null),
                member(AGENCY, AGENCY_ADMIN, Role.AGENCY_ADMIN, now), login(t, AGENCY_ADMIN),
                new DomainEvent("AccountOpened", AGENCY, now, Map.of("plan", "TEAM", "paid", true,
                        "ownerUserId", AGENCY_ADMIN)));
        t.backend.accountStore.createAccount(new Account(SUB, "Sample sub-account", Plan.TEAM, true, null, 1, AGENCY, now, null),
                member(SUB, SUB_OWNER, Role.ADMIN, now), login(t, SUB_OWNER), new DomainEvent("AccountOpened", SUB, now,
                        Map.of("plan", "TEAM", "paid", true, "ownerUserId", SUB_OWNER, "parentAccountId", AGENCY)));
        t.backend.memberships.addMembership(member(SUB, AGENCY_ADMIN, Role.AGENCY_ADMIN, now), added(SUB_OWNER, AGENCY_ADMIN,
                Role.AGENCY_ADMIN, now));
        t.backend.memberships.addMember(member(SUB, MOVER, Role.USER, now), login(t, MOVER), added(SUB_OWNER, MOVER, Role.USER, now));
    }

    private static Member member(String accountId, String userId, Role role, String now) {
        return new Member(accountId, userId, UserKind.INTERNAL, role, MemberStatus.ACTIVE, userId.substring(2), null,
                userId, null, "Europe/London", null, false, false, now);
    }

    private static Login login(TestBackend t, String userId) {
        return new Login(userId, userId.substring(2), null, t.backend.hasher.hash("Sample-pass-1"), 0, null, null, 0);
    }

    private static DomainEvent added(String by, String userId, Role role, String now) {
        return new DomainEvent("UserAdded", SUB, now, Map.of("userId", userId, "kind", "INTERNAL", "role", role.name(),
                "addedBy", by));
    }
}
