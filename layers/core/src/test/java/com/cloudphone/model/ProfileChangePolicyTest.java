package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.model.ProfileChangePolicy.Asked;
import com.cloudphone.model.ProfileChangePolicy.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import com.cloudphone.testing.Members;

/** The profile rules the model decides, without an engine (docs/rules.md rules 3.1, 4, 11, 14.1 and 19). */
class ProfileChangePolicyTest {
    private static final String T = "2026-12-08T00:00:00Z";
    private static final Member ADMIN = member("u_admin", Role.ADMIN, MemberStatus.ACTIVE, UserKind.INTERNAL);
    private static final Member OTHER_ADMIN = member("u_other", Role.ADMIN, MemberStatus.ACTIVE, UserKind.INTERNAL);
    private static final Member USER = member("u_user", Role.USER, MemberStatus.ACTIVE, UserKind.INTERNAL);
    private static final Member INVITEE = member("u_new", Role.USER, MemberStatus.INVITED, UserKind.INVITED);
    private static final Member AGENCY_ADMIN = member("u_agency", Role.AGENCY_ADMIN, MemberStatus.ACTIVE, UserKind.INTERNAL);

    @Test
    void onlyAdminsChangeAccessSuspensionOrLeadRouting() {
        assertEquals(Optional.of(Refusal.ONLY_ADMINS_CHANGE_ACCESS), check(USER, USER, new Asked(null, null, true, false), Plan.TEAM, 2));
        assertEquals(Optional.of(Refusal.ONLY_ADMINS_CHANGE_ACCESS), check(USER, USER, new Asked(true, null, null, false), Plan.TEAM, 2));
        assertEquals(Optional.empty(), check(USER, USER, new Asked(null, null, null, true), Plan.TEAM, 2),
                "a user changes their own password");
    }

    @Test
    void leadRoutingNeedsAPlanThatHasIt() {
        assertEquals(Optional.of(Refusal.LEAD_ROUTING_NEEDS_PLAN), check(ADMIN, USER, new Asked(null, null, true, false), Plan.SOLO, 2));
        assertEquals(Optional.empty(), check(ADMIN, USER, new Asked(null, null, true, false), Plan.TEAM, 2));
    }

    @Test
    void anAgencyAdminKeepsTheRoleAndTheLastAdminStaysOne() {
        assertEquals(Optional.of(Refusal.AGENCY_ADMIN_EVERYWHERE), check(ADMIN, AGENCY_ADMIN, new Asked(false, null, null, false), Plan.TEAM, 3));
        assertEquals(Optional.of(Refusal.LAST_ADMIN), check(ADMIN, ADMIN, new Asked(false, null, null, false), Plan.TEAM, 1));
        assertEquals(Optional.of(Refusal.LAST_ADMIN), check(ADMIN, ADMIN, new Asked(null, true, null, false), Plan.TEAM, 1));
        assertEquals(Optional.empty(), check(ADMIN, OTHER_ADMIN, new Asked(false, null, null, false), Plan.TEAM, 2));
    }

    @Test
    void anInvitedUsersFirstPasswordComesThroughTheInvitation() {
        assertEquals(Optional.of(Refusal.INVITED_USER_ACCEPTS_INVITATION), check(ADMIN, INVITEE, new Asked(null, null, null, true), Plan.TEAM, 1));
    }

    private static Optional<Refusal> check(Member actor, Member target, Asked asked, Plan plan, int admins) {
        return ProfileChangePolicy.refusal(actor, target, asked, () -> plan, () -> new AdminCount(admins, 0));
    }

    private static Member member(String id, Role role, MemberStatus status, UserKind kind) {
        return Members.kind(Members.member("a", id).withRole(role).withStatus(status), kind);
    }
}
