package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Invitations (docs/rules.md rule 19): each works for a limited time, and an admin can send a new one to a user who
 * has not accepted yet, which also ends the old one.
 */
public final class InvitationService {
    /** How long an invitation works unless the deployment says otherwise (template parameter InvitationLifetimeDays). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

    private final Memberships memberships;
    private final Logins logins;
    private final Access access;
    private final Clock clock;
    private final Duration lifetime;

    public InvitationService(Memberships memberships, Logins logins, Access access, Clock clock, Duration lifetime) {
        this.memberships = memberships;
        this.logins = logins;
        this.access = access;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** {@code POST /users/{userId}/invitation}: a new secret for an invited user, shown once to the admin. */
    public UserView resend(Caller caller, String userId) {
        Member actor = access.admin(caller);
        Member invited = memberships.current(caller.accountId(), userId)
                .orElseThrow(() -> ApiException.notFound("User"));
        access.requireMayManage(actor, invited);
        if (invited.status() != MemberStatus.INVITED) {
            throw new ApiException(ErrorCode.INVALID_STATE, "The user has set a password already; they sign in with it");
        }
        Instant now = clock.instant();
        Invitation invitation = Invitation.create(userId, now.plus(lifetime));
        decide(() -> logins.replaceInvitation(userId, invitation.hash(), invitation.expiresAt(),
                DomainEvent.of(caller.accountId(), now.toString(), new Event.InvitationSent(userId,
                        invitation.expiresAt().toString(), caller.userId()))));
        return UserView.invited(invited, invitation.token(), invitation.expiresAt());
    }
}
