package com.cloudphone.store;

import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Logins: the credentials a person signs in with, shared by every membership they have, and sign-in throttling. */
public interface Logins {
    Optional<Login> login(String userId);

    Optional<Login> loginByUsername(String username);

    Optional<Login> loginByEmail(String email);

    /**
     * Reserves one password check for a login, counted as a failure until {@link #recordSuccessfulLogin} says
     * otherwise. Refused (empty) while the login is locked or when {@code maxAttempts} checks are already counted,
     * so parallel sign-ins cannot run more checks than the rule allows. Returns the count including this one.
     */
    OptionalInt claimSignInAttempt(String userId, String now, int maxAttempts);

    /** The last allowed check failed too: the login is locked until {@code lockUntil}, with a fresh count after. */
    void lockLogin(String userId, String lockUntil);

    void recordSuccessfulLogin(String userId);

    /**
     * A new invitation for a login that has not set a password yet: the old secret stops working, the new one works
     * until {@code expiresAt}. Refused ({@code AlreadyDone(LOGIN)}) once the login has a password.
     */
    void replaceInvitation(String userId, String invitationHash, Instant expiresAt, DomainEvent sent);

    /**
     * Sets a new password and, in the same transaction, stamps {@code notBefore} on every membership of the login,
     * so tokens issued before the change are refused in every account (see {@link com.cloudphone.model.Member#accepts}).
     */
    void changePassword(String userId, String newHash, long notBefore, DomainEvent event);

    /**
     * Sets the first password of an invited login and makes each of {@code invited} (its memberships still
     * INVITED, as read) ACTIVE with its event, in one transaction: the invitation works once (its hash is the
     * condition), and a membership changed meanwhile refuses the whole of it.
     */
    void acceptInvitation(String userId, String invitationHash, String passwordHash, Map<Member, DomainEvent> invited);
}
