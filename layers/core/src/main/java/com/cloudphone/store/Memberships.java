package com.cloudphone.store;

import com.cloudphone.model.AdminCount;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Tombstone;
import java.util.List;
import java.util.Optional;

/**
 * A login's memberships of accounts, with the settings that belong to each. Every change keeps the account's
 * seats, the unique claims and the admin count in the same transaction (docs/table.md, invariants).
 */
public interface Memberships {
    Optional<Member> member(String accountId, String userId);

    /** The member if they are still in the account (not REMOVED); empty otherwise. */
    default Optional<Member> current(String accountId, String userId) {
        return member(accountId, userId).filter(m -> m.status() != MemberStatus.REMOVED);
    }

    /** Members of an account that are not removed, in id order. */
    List<Member> members(String accountId);

    /** A page of the members of an account that are not removed, in id order (pattern 3). */
    Page<Member> members(String accountId, PageRequest request);

    /** Every membership of one login, across accounts (GSI1, eventually consistent). */
    List<Member> memberships(String userId);

    /** The member's dependency counter (see {@link Links}); read before checking blockers. */
    long links(String accountId, String userId);

    /** The account's admins who can sign in, and its agency admins (the last one of either cannot go). */
    AdminCount adminCount(String accountId);

    /**
     * Adds a member with a new login, taking one seat. Seat count, username, email and extension uniqueness are
     * all conditions of one transaction, so concurrent adds cannot overshoot the seat limit.
     */
    void addMember(Member member, Login login, DomainEvent added);

    /** Adds an existing login to another account (agency case), taking a seat there. */
    void addMembership(Member member, DomainEvent added);

    /**
     * Brings back a membership removed but not yet purged, as {@code revived} (its new role and status): it takes
     * a seat again, claims its extension if it has one, and its pending purge is cancelled (the tombstone goes),
     * all or nothing.
     */
    void reviveMembership(Member revived, DomainEvent added);

    /**
     * Saves changed settings of a member. Extension and email claims move in the same transaction as the member
     * item, which must still be the one the caller read. {@code event} may be null when the change's event is
     * recorded with another write (a password change).
     */
    void updateMember(Member before, Member after, DomainEvent event);

    /**
     * Removes a member at once: status REMOVED, seat freed, extension released, tombstone with the purge due time.
     * Conditional on the member being unchanged since {@code linksSeen} was read, so nothing started depending on
     * them after their blockers were checked.
     */
    void removeMember(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed);

    /** {@link #removeMember} for an account's closure, which takes out every member, its last admins too. */
    void removeFromClosedAccount(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed);

    /** Changes to several memberships of one login (agency roles), to commit as one transaction. */
    Changes changes();

    /** Changes to several memberships of one login, committed all or nothing. */
    interface Changes {
        Changes join(Member member, DomainEvent added);

        Changes revive(Member revived, DomainEvent added);

        /** A role change: the member item as read, and as it becomes. */
        Changes update(Member before, Member after, DomainEvent event);

        Changes remove(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed);

        /** Refused as a whole when it would take more items than one transaction holds. */
        void commit();
    }
}
