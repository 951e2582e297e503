package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    private final TestBackend t = new TestBackend();

    private ErrorCode signInFails(String login, String password) {
        return assertThrows(ApiException.class, () -> t.backend.sessions.signIn(login, password, null)).code();
    }

    @Test
    void unknownLoginAndWrongPasswordGetTheSameAnswer() {
        t.account(Plan.TEAM, true, "owner1", "Owner-pass-1");
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("nobody", "Owner-pass-1"));
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("owner1", "Wrong-pass-1"));
        Caller caller = t.backend.tokens().verify(t.backend.sessions.signIn("owner1", "Owner-pass-1", null).token());
        assertEquals("ADMIN", caller.role());
    }

    @Test
    void fiveFailuresInARowLockTheLoginForFifteenMinutes() {
        t.account(Plan.TEAM, true, "owner2", "Owner-pass-1");
        for (int i = 0; i < 5; i++) {
            assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("owner2", "Wrong-pass-1"));
        }
        assertEquals(ErrorCode.LOGIN_LOCKED, signInFails("owner2", "Owner-pass-1"));
        t.clock.advance(Duration.ofMinutes(14));
        assertEquals(ErrorCode.LOGIN_LOCKED, signInFails("owner2", "Owner-pass-1"));
        t.clock.advance(Duration.ofMinutes(2));
        assertNotNull(t.backend.sessions.signIn("owner2", "Owner-pass-1", null).token());
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        t.account(Plan.TEAM, true, "owner3", "Owner-pass-1");
        for (int i = 0; i < 4; i++) {
            signInFails("owner3", "Wrong-pass-1");
        }
        t.backend.sessions.signIn("owner3", "Owner-pass-1", null);
        for (int i = 0; i < 4; i++) {
            assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("owner3", "Wrong-pass-1"));
        }
        assertNotNull(t.backend.sessions.signIn("owner3", "Owner-pass-1", null).token());
    }

    @Test
    void suspendedUsersAndOldPasswordsAreRefused() {
        Caller owner = t.account(Plan.TEAM, true, "owner4", "Owner-pass-1");
        UserView erin = t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, "erin", null, "Erin-pass-1",
                "Erin", null, null, null, false));
        Caller asErin = t.backend.tokens().verify(t.backend.sessions.signIn("erin", "Erin-pass-1", null).token());

        t.backend.users.patch(asErin, erin.userId(), new UserPatch(null, null, null, null, null, null, null,
                "Erin-pass-2", "Erin-pass-1"));
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("erin", "Erin-pass-1"));
        assertNotNull(t.backend.sessions.signIn("erin", "Erin-pass-2", null).token());

        t.backend.users.patch(owner, erin.userId(), new UserPatch(null, null, null, null, null, true, null, null, null));
        assertEquals(ErrorCode.FORBIDDEN, signInFails("erin", "Erin-pass-2"));
        // a token issued before the suspension stops working too
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.users.get(asErin, erin.userId())).code());
    }

    @Test
    void tamperedOrExpiredTokensAreRejected() {
        t.account(Plan.TEAM, true, "owner5", "Owner-pass-1");
        String token = t.backend.sessions.signIn("owner5", "Owner-pass-1", null).token();
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class, () -> t.backend.tokens().verify(tampered)).code());
        String none = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class, () -> t.backend.tokens().verify(none)).code());
        t.clock.advance(Duration.ofHours(2));
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class, () -> t.backend.tokens().verify(token)).code());
    }
}
