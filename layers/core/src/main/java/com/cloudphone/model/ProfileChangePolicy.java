package com.cloudphone.model;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules of a change to a member's profile that the model can decide (docs/rules.md rules 3.1, 4, 11 and 14.1),
 * in the order they are checked: access, admin role and suspension are an admin's to change; lead routing needs a
 * plan that has it; an agency admin keeps that role everywhere; the last admin who can sign in stays one; an invited
 * user's first password comes through the invitation. Who may touch whom across accounts, and the current password,
 * are the service's (they need other reads).
 */
public final class ProfileChangePolicy {
    /** Why the change is refused. */
    public enum Refusal { ONLY_ADMINS_CHANGE_ACCESS, LEAD_ROUTING_NEEDS_PLAN, AGENCY_ADMIN_EVERYWHERE, LAST_ADMIN,
        INVITED_USER_ACCEPTS_INVITATION }

    /** What the change asks for: a flag left null is kept; {@code password}: a new password is set. */
    public record Asked(Boolean admin, Boolean suspended, Boolean leadRouting, boolean password) {
        boolean changesAccess() {
            return admin != null || suspended != null || leadRouting != null;
        }
    }

    private ProfileChangePolicy() {
    }

    /**
     * The first rule {@code asked} breaks when {@code actor} changes {@code target}. {@code plan} and {@code admins}
     * (the account's) are read only when a rule needs them.
     */
    public static Optional<Refusal> refusal(Member actor, Member target, Asked asked, Supplier<Plan> plan,
                                            Supplier<AdminCount> admins) {
        if (!actor.isAdmin() && asked.changesAccess()) {
            return Optional.of(Refusal.ONLY_ADMINS_CHANGE_ACCESS);
        }
        if (Boolean.TRUE.equals(asked.leadRouting()) && !target.leadRouting() && !plan.get().allowsLeadRouting()) {
            return Optional.of(Refusal.LEAD_ROUTING_NEEDS_PLAN);
        }
        if (target.role() == Role.AGENCY_ADMIN && Boolean.FALSE.equals(asked.admin())) {
            return Optional.of(Refusal.AGENCY_ADMIN_EVERYWHERE);
        }
        boolean losesAdmin = target.holdsAdmin()
                && (Boolean.FALSE.equals(asked.admin()) || Boolean.TRUE.equals(asked.suspended()));
        if (losesAdmin && admins.get().refusal(AdminCount.change(target, null)) != null) {
            return Optional.of(Refusal.LAST_ADMIN);
        }
        if (asked.password() && target.kind() != UserKind.INTERNAL && target.status() != MemberStatus.ACTIVE) {
            return Optional.of(Refusal.INVITED_USER_ACCEPTS_INVITATION);
        }
        return Optional.empty();
    }
}
