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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    private final TestBackend t = new TestBackend();

    private ErrorCode signInFails(String login, String password) {
        return assertThrows(ApiException.class, () -> t.backend.sessions.signIn(login, password, null)).code();
    }

    @Test
    void anEmailSignsInWhateverFormOfItIsTyped() {
        Caller owner = t.account(Plan.TEAM, true, "form-owner", "Owner-pass-1");
        t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, "form-user", "dana@example.com", "Dana-pass-1",
                "Dana", null, null, null, false));
        assertNotNull(t.backend.sessions.signIn("DANA@Example.com", "Dana-pass-1", null).token());
        assertNotNull(t.backend.sessions.signIn("\uFF44\uFF41\uFF4E\uFF41@example.com", "Dana-pass-1", null).token());
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
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("owner2", "Owner-pass-1"));
        t.clock.advance(Duration.ofMinutes(14));
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("owner2", "Owner-pass-1"));
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

        t.backend.users.patch(asErin, erin.userId(), UserPatch.NONE.withPassword("Erin-pass-2", "Erin-pass-1"));
        assertEquals(ErrorCode.INVALID_CREDENTIALS, signInFails("erin", "Erin-pass-1"));
        assertNotNull(t.backend.sessions.signIn("erin", "Erin-pass-2", null).token());

        t.backend.users.patch(owner, erin.userId(), UserPatch.NONE.withSuspended(true));
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

    /** Counts the bcrypt work a sign-in does (checks and decoy burns), slowed down to widen any race. */
    private static final class CountingHasher extends PasswordHasher {
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger burns = new AtomicInteger();

        CountingHasher() {
            super(4);
        }

        @Override
        public boolean matches(String hash, String password) {
            checks.incrementAndGet();
            pause();
            return super.matches(hash, password);
        }

        @Override
        public void burn(String password) {
            burns.incrementAndGet();
            pause();
            super.burn(password);
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SessionService sessionsWith(PasswordHasher hasher) {
        return new SessionService(t.backend.accountStore, t.backend.memberships, t.backend.logins, hasher, t.backend::tokens, t.clock);
    }

    @Test
    void parallelWrongPasswordsCheckNoMoreThanFiveBeforeTheLock() throws Exception {
        t.account(Plan.TEAM, true, "owner6", "Owner-pass-1");
        CountingHasher hasher = new CountingHasher();
        SessionService sessions = sessionsWith(hasher);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(pool.submit(() -> assertThrows(ApiException.class,
                    () -> sessions.signIn("owner6", "Wrong-pass-1", null))));
        }
        for (Future<?> f : attempts) {
            f.get();
        }
        pool.shutdown();
        assertEquals(5, hasher.checks.get(), "the rule is five failures: the sixth check is refused");
        assertEquals(15, hasher.burns.get(), "refused attempts still spend a check's time");
        assertEquals(ErrorCode.INVALID_CREDENTIALS, assertThrows(ApiException.class,
                () -> sessions.signIn("owner6", "Owner-pass-1", null)).code(), "locked, even with the right password");
    }

    @Test
    void aLockedLoginAnswersExactlyLikeAnUnknownOne() {
        t.account(Plan.TEAM, true, "owner7", "Owner-pass-1");
        for (int i = 0; i < 5; i++) {
            signInFails("owner7", "Wrong-pass-1");
        }
        CountingHasher hasher = new CountingHasher();
        SessionService sessions = sessionsWith(hasher);
        var before = t.snapshot();
        ApiException locked = assertThrows(ApiException.class, () -> sessions.signIn("owner7", "Owner-pass-1", null));
        ApiException unknown = assertThrows(ApiException.class, () -> sessions.signIn("nobody7", "Owner-pass-1", null));
        ApiException unknownEmail = assertThrows(ApiException.class,
                () -> sessions.signIn("nobody7@example.com", "Owner-pass-1", null));
        assertEquals(unknown.code(), locked.code());
        assertEquals(unknown.getMessage(), locked.getMessage());
        assertEquals(unknown.details(), locked.details());
        assertEquals(unknown.getMessage(), unknownEmail.getMessage());
        assertEquals(3, hasher.burns.get(), "each spends one bcrypt check's time");
        assertEquals(before, t.snapshot(), "and none of them writes");
    }

    @Test
    void aPasswordChangeEndsTokensIssuedEarlierInTheSameSecond() {
        Caller owner = t.account(Plan.TEAM, true, "owner8", "Owner-pass-1");
        String before = t.backend.sessions.signIn("owner8", "Owner-pass-1", null).token();
        t.clock.advance(Duration.ofMillis(300)); // the clock starts on a whole second: still the same one
        t.backend.users.patch(t.backend.tokens().verify(before), owner.userId(), UserPatch.NONE.withPassword("Owner-pass-2", "Owner-pass-1"));
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                () -> t.backend.users.get(t.backend.tokens().verify(before), owner.userId())).code());
        String after = t.backend.sessions.signIn("owner8", "Owner-pass-2", null).token();
        assertEquals(owner.userId(), t.backend.users.get(t.backend.tokens().verify(after), owner.userId()).userId());
    }

    @Test
    void onlyTheCanonicalBase64urlOfATokenIsAccepted() {
        t.account(Plan.TEAM, true, "owner9", "Owner-pass-1");
        String token = t.backend.sessions.signIn("owner9", "Owner-pass-1", null).token();
        t.backend.tokens().verify(token);
        String[] parts = token.split("\\.");
        String signature = parts[2];
        // 256 bytes of RSA signature: 342 characters, the last of which carries 4 unused bits
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String otherBits = signature.substring(0, signature.length() - 1)
                + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        for (String forged : List.of(token + "=", token + "==", parts[0] + "=." + parts[1] + "." + signature,
                parts[0] + "." + parts[1] + "." + otherBits, parts[0] + "." + parts[1] + "+/." + signature)) {
            assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class,
                    () -> t.backend.tokens().verify(forged)).code(), forged);
        }
    }
}
