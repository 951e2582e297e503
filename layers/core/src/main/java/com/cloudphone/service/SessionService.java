package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Sign-in with username or email and password, the lockout after repeated failures, and invitations. */
public final class SessionService {
    static final int MAX_FAILED_ATTEMPTS = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** A login id no one has (ids are "u_" and letters): unknown identifiers do the same reads and write on it. */
    private static final String NO_SUCH_LOGIN = "none";

    private final Accounts accounts;
    private final Memberships memberships;
    private final Logins logins;
    private final PasswordHasher hasher;
    private final Supplier<Tokens> tokens;
    private final Clock clock;

    public SessionService(Accounts accounts, Memberships memberships, Logins logins, PasswordHasher hasher, Supplier<Tokens> tokens, Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.logins = logins;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * {@code identifier} is a username or an email. Unknown login, wrong password and a locked login get the
     * same 401, after the same work (reads, a conditional write, one bcrypt check), so no answer tells which
     * logins exist. Each check is reserved first ({@link Logins#claimSignInAttempt}), so parallel attempts
     * cannot check more than five passwords before the lock.
     */
    public Tokens.Issued signIn(String identifier, String password, String accountId) {
        Optional<Login> found = identifier.contains("@") ? logins.loginByEmail(identifier)
                : logins.loginByUsername(identifier);
        Instant now = clock.instant();
        String loginId = found.map(Login::userId).orElse(NO_SUCH_LOGIN);
        if (found.isEmpty()) {
            logins.login(NO_SUCH_LOGIN);
        }
        var attempt = logins.claimSignInAttempt(loginId, now.toString(), MAX_FAILED_ATTEMPTS);
        if (found.isEmpty() || attempt.isEmpty()) {
            hasher.burn(password);
            throw badCredentials();
        }
        Login login = found.get();
        if (!hasher.matches(login.passwordHash(), password)) {
            if (attempt.getAsInt() >= MAX_FAILED_ATTEMPTS) {
                logins.lockLogin(login.userId(), now.plus(LOCKOUT).toString());
            }
            throw badCredentials();
        }
        logins.recordSuccessfulLogin(login.userId()); // the password was right, whatever the memberships say
        List<Member> active = memberships.memberships(login.userId()).stream().filter(Member::canSignIn).toList();
        Member chosen = choose(active, accountId);
        return tokens.get().issue(login.userId(), chosen.accountId(), chosen.role().name());
    }

    /** One account a login may sign in to, named in the refusal that asks which (the password was right). */
    public record AccountChoice(String accountId, String name, String role) {
    }

    private Member choose(List<Member> active, String accountId) {
        if (active.isEmpty()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This login is suspended or no longer a member of any account");
        }
        if (accountId != null) {
            return active.stream().filter(m -> m.accountId().equals(accountId)).findFirst()
                    .orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN, "This login has no access to that account"));
        }
        if (active.size() > 1) {
            List<Member> sorted = active.stream().sorted(Comparator.comparing(Member::accountId)).toList();
            List<Object> details = new ArrayList<>();
            details.add(new FieldProblem("accountId", "required, one of " + sorted.stream().map(Member::accountId).toList()));
            // then each account by name, for a picker: a login with a right password may see where it can go
            sorted.stream().map(m -> new AccountChoice(m.accountId(),
                            accounts.account(m.accountId()).map(a -> a.name()).orElse(m.accountId()), m.role().name()))
                    .sorted(Comparator.comparing(AccountChoice::name).thenComparing(AccountChoice::accountId))
                    .forEach(details::add);
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "This login belongs to several accounts; pick one",
                    details);
        }
        return active.get(0);
    }

    /**
     * An invited user sets their password with the token from their invitation, and every membership still waiting
     * for it becomes active: all in one transaction, after every check, so a refused acceptance (the invitee was
     * deleted or suspended meanwhile) sets no password and leaves the invitation usable (docs/rules.md rule 19).
     */
    public Tokens.Issued acceptInvitation(String token, String password) {
        String userId = Invitation.userIdOf(token);
        Login login = userId.isEmpty() ? null : logins.login(userId).orElse(null);
        if (login == null || login.invitationHash() == null || !MessageDigest.isEqual(
                login.invitationHash().getBytes(StandardCharsets.US_ASCII),
                Invitation.sha256(token).getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "The invitation is not valid or was already used");
        }
        if (login.invitationExpired(clock.instant())) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "This invitation has expired; ask an admin to send a new one");
        }
        List<Member> invited = memberships.memberships(userId).stream()
                .filter(m -> m.status() == MemberStatus.INVITED && !m.suspended()).toList();
        if (invited.isEmpty()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This login is suspended or no longer a member of any account");
        }
        Map<Member, DomainEvent> accepted = new LinkedHashMap<>();
        String now = clock.instant().toString();
        invited.forEach(m -> accepted.put(m, DomainEvent.of(m.accountId(), now,
                new Event.InvitationAccepted(userId))));
        decide(() -> logins.acceptInvitation(userId, login.invitationHash(), hasher.hash(password), accepted));
        return tokens.get().issue(userId, invited.get(0).accountId(), invited.get(0).role().name());
    }

    private static ApiException badCredentials() {
        return new ApiException(ErrorCode.INVALID_CREDENTIALS, "Unknown login or wrong password (after "
                + MAX_FAILED_ATTEMPTS + " failures in a row, sign-in pauses for " + LOCKOUT.toMinutes() + " minutes)");
    }
}
