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
    void anInvitationWorksForSevenDaysAndANewOneEndsTheOld() {
        UserView invited = invite("late@example.com");
        assertEquals(t.clock.instant().plus(java.time.Duration.ofDays(7)).toString(), invited.invitationExpiresAt());
        assertEquals(invited.invitationExpiresAt(), t.backend.users.get(admin, invited.userId()).invitationExpiresAt());
        t.clock.advance(java.time.Duration.ofDays(7));
        var before = t.snapshot();
        ApiException expired = assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026"));
        assertEquals(ErrorCode.UNAUTHENTICATED, expired.code());
        assertEquals("This invitation has expired; ask an admin to send a new one", expired.getMessage());
        assertEquals(before, t.snapshot());

        UserView again = t.backend.invitations.resend(admin, invited.userId());
        assertEquals(t.clock.instant().plus(java.time.Duration.ofDays(7)).toString(), again.invitationExpiresAt());
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026")).code(),
                "the old invitation stops working");
        t.backend.sessions.acceptInvitation(again.invitationToken(), "Welcome-2026");
        assertEquals(MemberStatus.ACTIVE, t.backend.memberships.member(admin.accountId(), invited.userId())
                .orElseThrow().status());
        assertEquals(null, t.backend.users.get(admin, invited.userId()).invitationExpiresAt());
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> t.backend.invitations.resend(admin, invited.userId())).code(), "nothing to resend once accepted");
    }

    @Test
    void onlyAdminsSendInvitations() {
        UserView invited = invite("someone@example.com");
        UserView plain = t.backend.users.add(admin, new NewUser(UserKind.INTERNAL, "plain-user", null, "Plain-pass-1",
                "Plain", null, null, null, false));
        Caller user = new Caller(plain.userId(), admin.accountId(), "USER");
        var before = t.snapshot();
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.invitations.resend(user, invited.userId())).code());
        assertEquals(before, t.snapshot());
    }

    @Test
    void anAdminOfAnotherAccountCannotSendOne() {
        UserView invited = invite("elsewhere@example.com");
        Caller stranger = t.account(Plan.TEAM, true, "invite-stranger", "Owner-pass-1");
        var before = t.snapshot();
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(ApiException.class,
                () -> t.backend.invitations.resend(stranger, invited.userId())).code());
        assertEquals(before, t.snapshot());
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
        t.backend.users.patch(admin, invited.userId(), UserPatch.NONE.withSuspended(true));
        var before = t.snapshot();
        assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026"));
        assertEquals(before, t.snapshot());

        t.backend.users.patch(admin, invited.userId(), UserPatch.NONE.withSuspended(false));
        t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2026");
        assertEquals(MemberStatus.ACTIVE, t.backend.memberships.member(admin.accountId(), invited.userId())
                .orElseThrow().status());
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Welcome-2027")).code(),
                "an invitation works once");
    }
}
