package com.cloudphone.model;

/**
 * How many members of an account hold an admin role and can sign in ({@link Member#holdsAdmin}), and how many of
 * those are agency admins. docs/rules.md rules 14.1 and 14.2: no change may take an account's admins, or an agency's agency
 * admins, from one to none. The store keeps this count in the transaction of every member change and makes the
 * same rule its condition, so two admins demoting or removing each other at once cannot both succeed.
 */
public record AdminCount(long admins, long agencyAdmins) {
    public static final AdminCount NONE = new AdminCount(0, 0);

    /** What one member adds to the count. */
    public static AdminCount of(Member member) {
        if (member == null || !member.holdsAdmin()) {
            return NONE;
        }
        return new AdminCount(1, member.role() == Role.AGENCY_ADMIN ? 1 : 0);
    }

    /** How the count moves when {@code before} becomes {@code after} (either may be null: joined, erased). */
    public static AdminCount change(Member before, Member after) {
        AdminCount from = of(before);
        AdminCount to = of(after);
        return new AdminCount(to.admins - from.admins, to.agencyAdmins - from.agencyAdmins);
    }

    public boolean isZero() {
        return admins == 0 && agencyAdmins == 0;
    }

    /** The rule broken by applying {@code change} to this count, if any. */
    public Refusal refusal(AdminCount change) {
        if (change.agencyAdmins < 0 && agencyAdmins + change.agencyAdmins < 1) {
            return Refusal.LAST_AGENCY_ADMIN;
        }
        if (change.admins < 0 && admins + change.admins < 1) {
            return Refusal.LAST_ADMIN;
        }
        return null;
    }

    /** Which of the two rules a change would break. */
    public enum Refusal { LAST_ADMIN, LAST_AGENCY_ADMIN }
}
