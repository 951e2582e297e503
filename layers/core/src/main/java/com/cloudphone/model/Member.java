package com.cloudphone.model;

/**
 * A user's membership of one account, with the settings that belong to it.
 * {@code userId} is the person's login id, the same in every account they belong to. {@code leadRouting}: in the
 * round-robin lead router and call broadcast (TEAM accounts only). {@code accountClosed} copies the account's
 * closure onto each member, so the one read of every request sees it; {@code tokensNotBefore} (epoch milliseconds,
 * 0 for none) likewise copies the login's last password change: tokens issued before it are refused.
 */
public record Member(String accountId, String userId, UserKind kind, Role role, MemberStatus status,
                     String username, String email, String displayName, String extension, String timezone,
                     BusinessHours businessHours, boolean suspended, boolean leadRouting,
                     String createdAt, boolean accountClosed, long tokensNotBefore) {

    public Member(String accountId, String userId, UserKind kind, Role role, MemberStatus status, String username,
                  String email, String displayName, String extension, String timezone, BusinessHours businessHours,
                  boolean suspended, boolean leadRouting, String createdAt) {
        this(accountId, userId, kind, role, status, username, email, displayName, extension, timezone, businessHours,
                suspended, leadRouting, createdAt, false, 0);
    }

    public Member(String accountId, String userId, UserKind kind, Role role, MemberStatus status, String username,
                  String email, String displayName, String extension, String timezone, BusinessHours businessHours,
                  boolean suspended, boolean leadRouting, String createdAt, boolean accountClosed) {
        this(accountId, userId, kind, role, status, username, email, displayName, extension, timezone, businessHours,
                suspended, leadRouting, createdAt, accountClosed, 0);
    }

    public boolean isAdmin() {
        return role.isAdmin();
    }

    /** Counted in the account's {@link AdminCount}: an admin role, ACTIVE and not suspended (closure aside). */
    public boolean holdsAdmin() {
        return role.isAdmin() && status == MemberStatus.ACTIVE && !suspended;
    }

    public boolean canSignIn() {
        return status == MemberStatus.ACTIVE && !suspended && !accountClosed;
    }

    /** Whether a token issued at {@code issuedAt} (epoch milliseconds) still speaks for this member. */
    public boolean accepts(long issuedAt) {
        return canSignIn() && issuedAt >= tokensNotBefore;
    }

    /** The same membership, ACTIVE with {@code newRole} (a role change, or a removed membership brought back). */
    public Member activeAs(Role newRole) {
        return new Member(accountId, userId, kind, newRole, MemberStatus.ACTIVE, username, email, displayName,
                status == MemberStatus.REMOVED ? null : extension, timezone, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withRole(Role value) {
        return new Member(accountId, userId, kind, value, status, username,
                email, displayName, extension, timezone, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withEmail(String value) {
        return new Member(accountId, userId, kind, role, status, username,
                value, displayName, extension, timezone, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withDisplayName(String value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, value, extension, timezone, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withExtension(String value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, displayName, value, timezone, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withTimezone(String value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, displayName, extension, value, businessHours, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withBusinessHours(BusinessHours value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, displayName, extension, timezone, value, suspended, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withSuspended(boolean value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, displayName, extension, timezone, businessHours, value, leadRouting,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withLeadRouting(boolean value) {
        return new Member(accountId, userId, kind, role, status, username,
                email, displayName, extension, timezone, businessHours, suspended, value,
                createdAt, accountClosed, tokensNotBefore);
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(accountId, userId, kind, role, newStatus, username, email, displayName, extension,
                timezone, businessHours, suspended, leadRouting, createdAt, accountClosed, tokensNotBefore);
    }
}
