package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.Test;

/** Accepting an invitation (docs/rules.md rule 19): a refused acceptance writes nothing. */
class InvitationTest {
    private final TestBackend t = new TestBackend();
    private final Caller admin = t.account(Plan.TEAM, true, "invite-owner", "Owner-pass-1");

    private UserView invite(String email) {
        return t.backend.users.add(admin, new NewUser(UserKind.INVITED, null, email, null, "Invitee", null, null, null,
                false));
    }

    @Test
    void aDeletedInviteeCannotSetAPasswordWithTheOldInvitation() {
        UserView invited = invite("gone@example.com");
        t.backend.offboarding.deleteNow(admin, invited.userId());
        var before = t.snapshot();
        ApiException refused = assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026"));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
        assertEquals(before, t.snapshot(), "no password set, the invitation not used up");
    }

    @Test
    void aSuspendedInviteeIsRefusedAndCanAcceptOnceUnsuspended() {
        UserView invited = invite("paused@example.com");
        t.backend.users.patch(admin, invited.userId(), new UserPatch(null, null, null, null, null, true, null, null, null));
        var before = t.snapshot();
        assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026"));
        assertEquals(before, t.snapshot());

        t.backend.users.patch(admin, invited.userId(), new UserPatch(null, null, null, null, null, false, null, null, null));
        t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026");
        assertEquals(MemberStatus.ACTIVE, t.backend.memberships.member(admin.accountId(), invited.userId())
                .orElseThrow().status());
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2027")).code(),
                "an invitation works once");
    }
}
