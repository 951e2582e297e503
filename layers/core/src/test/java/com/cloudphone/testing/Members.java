package com.cloudphone.testing;

import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;

/**
 * The tests' one way to make a member by hand: an ACTIVE internal USER whose username and display name are its id,
 * created at {@link #CREATED}; change what a test cares about with the member's own {@code with...} methods, or
 * {@link #as}, {@link #status} and {@link #kind} here.
 */
public final class Members {
    public static final String CREATED = "2026-11-24T09:00:00Z";

    private Members() {
    }

    public static Member member(String accountId, String userId) {
        return new Member(accountId, userId, UserKind.INTERNAL, Role.USER, MemberStatus.ACTIVE, userId, null, userId,
                null, null, null, false, false, CREATED);
    }

    public static Member as(Member m, Role role) {
        return m.withRole(role);
    }

    public static Member status(Member m, MemberStatus status) {
        return m.withStatus(status);
    }

    /** The same member as another kind of user (an INVITED one has no password until it accepts). */
    public static Member kind(Member m, UserKind kind) {
        return new Member(m.accountId(), m.userId(), kind, m.role(), m.status(), m.username(), m.email(),
                m.displayName(), m.extension(), m.timezone(), m.businessHours(), m.suspended(), m.leadRouting(),
                m.createdAt(), m.accountClosed(), m.tokensNotBefore());
    }
}
