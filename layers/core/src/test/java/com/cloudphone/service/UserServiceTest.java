package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Change;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.Test;

class UserServiceTest {
    private final TestBackend t = new TestBackend();

    private NewUser internal(String username, String extension) {
        return new NewUser(UserKind.INTERNAL, username, null, "Secret-pass-1", "Name " + username, extension,
                "America/New_York", null, false);
    }

    @Test
    void freeAccountsHaveOnlyTheOwnerSeat() {
        Caller owner = t.account(Plan.FREE, false, "free-owner", "Owner-pass-1");
        ApiException e = assertThrows(ApiException.class, () -> t.backend.users.add(owner, internal("second", null)));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, e.code());
    }

    @Test
    void teamAccountsStopAtTwentyFiveUsers() {
        Caller owner = t.account(Plan.TEAM, true, "team-owner", "Owner-pass-1");
        for (int i = 1; i < 25; i++) {
            t.backend.users.add(owner, internal("member" + i, null));
        }
        ApiException e = assertThrows(ApiException.class, () -> t.backend.users.add(owner, internal("member25", null)));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, e.code());
        assertEquals(25, t.backend.memberships.members(owner.accountId()).size());
    }

    @Test
    void extensionsAndUsernamesAreUniqueAndARefusedAddWritesNothing() {
        Caller owner = t.account(Plan.TEAM, true, "uniq-owner", "Owner-pass-1");
        t.backend.users.add(owner, internal("alice", "1002"));
        ApiException ext = assertThrows(ApiException.class, () -> t.backend.users.add(owner, internal("bob", "1002")));
        assertEquals(ErrorCode.EXTENSION_TAKEN, ext.code());
        ApiException name = assertThrows(ApiException.class, () -> t.backend.users.add(owner, internal("ALICE", "1003")));
        assertEquals(ErrorCode.USERNAME_TAKEN, name.code());
        assertEquals(2, t.backend.accountStore.account(owner.accountId()).orElseThrow().seatsUsed());
        assertTrue(t.backend.logins.loginByUsername("bob").isEmpty());
    }

    @Test
    void invitedUsersGetAnInvitationAndActivateByAcceptingIt() {
        Caller owner = t.account(Plan.TEAM, true, "inv-owner", "Owner-pass-1");
        UserView invited = t.backend.users.add(owner, new NewUser(UserKind.INVITED, null, "Dana@Example.com", null,
                "Dana", null, null, null, false));
        assertEquals("INVITED", invited.status());
        assertNotNull(invited.invitationToken());
        assertThrows(ApiException.class, () -> t.backend.sessions.signIn("dana@example.com", "Chosen-pass-1", null));
        // an admin sets the invited user up before they accept: a number is theirs already
        t.backend.numberService.add(owner, "+14155550900");
        t.backend.numberService.assign(owner, "+14155550900", invited.userId());
        Tokens.Issued issued = t.backend.sessions.acceptInvitation(invited.invitationToken(), "Chosen-pass-1");
        assertNotNull(issued.token());
        assertEquals("ACTIVE", t.backend.users.get(owner, invited.userId()).status());
        ApiException reused = assertThrows(ApiException.class,
                () -> t.backend.sessions.acceptInvitation(invited.invitationToken(), "Other-pass-1"));
        assertEquals(ErrorCode.UNAUTHENTICATED, reused.code());
        assertNotNull(t.backend.sessions.signIn("dana@example.com", "Chosen-pass-1", null).token());
    }

    @Test
    void aUserSeesAndEditsOnlyThemselfAndCannotBecomeAdmin() {
        Caller owner = t.account(Plan.TEAM, true, "self-owner", "Owner-pass-1");
        UserView alice = t.backend.users.add(owner, internal("alice2", "2001"));
        UserView bob = t.backend.users.add(owner, internal("bob2", "2002"));
        Caller asAlice = new Caller(alice.userId(), owner.accountId(), "USER");

        assertEquals(1, t.backend.users.list(asAlice, PageRequest.FIRST).items().size());
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.users.get(asAlice, bob.userId())).code());
        UserPatch makeAdmin = UserPatch.NONE.withAdmin(true);
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.users.patch(asAlice, alice.userId(), makeAdmin)).code());
        UserPatch rename = UserPatch.NONE.withDisplayName("Alice Smith").withExtension(Change.to("2003")).withTimezone("Europe/Paris");
        UserView renamed = t.backend.users.patch(asAlice, alice.userId(), rename);
        assertEquals("Alice Smith", renamed.displayName());
        assertEquals("2003", renamed.extension());
        // the old extension is free again, the new one is taken
        t.backend.users.add(owner, internal("carol2", "2001"));
        assertEquals(ErrorCode.EXTENSION_TAKEN, assertThrows(ApiException.class,
                () -> t.backend.users.add(owner, internal("dave2", "2003"))).code());
    }

    @Test
    void theListGoesByTheStoredRoleAndStatusNotTheTokens() {
        Caller owner = t.account(Plan.TEAM, true, "list-owner", "Owner-pass-1");
        UserView erin = t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, "erin", null, "Secret-pass-1",
                "Erin", null, "America/New_York", null, true));
        t.backend.users.add(owner, internal("frank", null));
        Caller erinAsAdmin = new Caller(erin.userId(), owner.accountId(), "ADMIN");
        assertEquals(3, t.backend.users.list(erinAsAdmin, PageRequest.FIRST).items().size());
        assertEquals(3, t.backend.users.list(new Caller(erin.userId(), owner.accountId(), "USER"), PageRequest.FIRST).items().size());

        // demoted since the token was issued: only herself
        t.backend.users.patch(owner, erin.userId(), UserPatch.NONE.withAdmin(false));
        var list = t.backend.users.list(erinAsAdmin, PageRequest.FIRST).items();
        assertEquals(1, list.size());
        assertEquals(erin.userId(), list.get(0).userId());

        // suspended since: no access at all
        t.backend.users.patch(owner, erin.userId(), UserPatch.NONE.withSuspended(true));
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.users.list(erinAsAdmin, PageRequest.FIRST).items()).code());
        // an admin token for another account's user, or for nobody
        Caller other = t.account(Plan.TEAM, true, "list-other", "Owner-pass-1");
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.users.list(new Caller(other.userId(), owner.accountId(), "ADMIN"), PageRequest.FIRST)).code());
    }

    @Test
    void theLastAdminCannotBeDemotedOrSuspended() {
        Caller owner = t.account(Plan.TEAM, true, "last-owner", "Owner-pass-1");
        UserPatch demote = UserPatch.NONE.withAdmin(false);
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> t.backend.users.patch(owner, owner.userId(), demote)).code());
    }

    @Test
    void onlyTeamAccountsPutUsersInTheLeadRouter() {
        Caller team = t.account(Plan.TEAM, true, "router-team", "Owner-pass-1");
        UserView routed = t.backend.users.add(team, new NewUser(UserKind.INTERNAL, "routed", null, "Secret-pass-1",
                "Routed", null, null, null, false, true));
        assertTrue(routed.leadRouting());

        Caller solo = t.account(Plan.SOLO, true, "router-solo", "Owner-pass-1");
        ApiException refused = assertThrows(ApiException.class, () -> t.backend.users.add(solo, new NewUser(
                UserKind.INTERNAL, "not-routed", null, "Secret-pass-1", "Not routed", null, null, null, false, true)));
        assertEquals(ErrorCode.PLAN_FEATURE_UNAVAILABLE, refused.code());
        assertTrue(t.backend.logins.loginByUsername("not-routed").isEmpty());
        UserPatch route = UserPatch.NONE.withLeadRouting(true);
        assertEquals(ErrorCode.PLAN_FEATURE_UNAVAILABLE, assertThrows(ApiException.class,
                () -> t.backend.users.patch(solo, solo.userId(), route)).code());
        UserView plain = t.backend.users.add(team, internal("plain-user", null));
        Caller asPlain = new Caller(plain.userId(), team.accountId(), "USER");
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.users.patch(asPlain, plain.userId(), route)).code());
        assertTrue(t.backend.users.patch(team, plain.userId(), route).leadRouting());
    }

    @Test
    void crossAccountReadsAreNotFound() {
        Caller a = t.account(Plan.TEAM, true, "owner-a", "Owner-pass-1");
        Caller b = t.account(Plan.TEAM, true, "owner-b", "Owner-pass-1");
        UserView inB = t.backend.users.add(b, internal("in-b", null));
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(ApiException.class,
                () -> t.backend.users.get(a, inB.userId())).code());
        assertNull(t.backend.users.list(a, PageRequest.FIRST).items().stream().filter(u -> u.userId().equals(inB.userId())).findAny().orElse(null));
    }
}
