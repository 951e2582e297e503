package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.cloudphone.testing.Members;
import org.junit.jupiter.api.Test;

/** docs/rules.md rule 14, without an engine: what a member adds to the count, and which change the count refuses. */
class AdminCountTest {
    private static final Member ADMIN = Members.member("a", "u_admin").withRole(Role.ADMIN);
    private static final Member AGENCY_ADMIN = Members.member("a", "u_agency").withRole(Role.AGENCY_ADMIN);

    @Test
    void onlyAnAdminWhoCanSignInCounts() {
        assertEquals(new AdminCount(1, 0), AdminCount.of(ADMIN));
        assertEquals(new AdminCount(1, 1), AdminCount.of(AGENCY_ADMIN));
        assertEquals(AdminCount.NONE, AdminCount.of(Members.member("a", "u_user")));
        assertEquals(AdminCount.NONE, AdminCount.of(ADMIN.withSuspended(true)));
        assertEquals(AdminCount.NONE, AdminCount.of(ADMIN.withStatus(MemberStatus.INVITED)));
        assertEquals(new AdminCount(-1, 0), AdminCount.change(ADMIN, ADMIN.withRole(Role.USER)));
        assertEquals(new AdminCount(1, 1), AdminCount.change(null, AGENCY_ADMIN));
    }

    @Test
    void theLastOfEitherCannotGo() {
        assertEquals(AdminCount.Refusal.LAST_ADMIN, new AdminCount(1, 0).refusal(AdminCount.change(ADMIN, null)));
        assertNull(new AdminCount(2, 0).refusal(AdminCount.change(ADMIN, null)));
        assertEquals(AdminCount.Refusal.LAST_AGENCY_ADMIN,
                new AdminCount(3, 1).refusal(AdminCount.change(AGENCY_ADMIN, null)));
        assertNull(new AdminCount(2, 2).refusal(AdminCount.change(AGENCY_ADMIN, null)));
        assertNull(new AdminCount(0, 0).refusal(AdminCount.change(null, ADMIN)), "a count only refuses going down");
    }
}
