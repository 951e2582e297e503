package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Account;
import com.cloudphone.model.Blocker;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Queue;
import com.cloudphone.model.Role;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.DeviceStore;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.QueueStore;
import com.cloudphone.store.TombstoneStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Deleting a user: every blocker at once (docs/rules.md rule 7.1), refusal while any remains, and otherwise immediate
 * removal with a tombstone whose purge is due now (free accounts) or in 28 days (paid).
 */
public final class DeletionService {
    public static final Duration PAID_PURGE_WINDOW = Duration.ofDays(28);

    private final Accounts accounts;
    private final Memberships memberships;
    private final QueueStore queues;
    private final CallflowService callflows;
    private final NumberService numbers;
    private final DeviceStore devices;
    private final TombstoneStore tombstones;
    private final Access access;
    private final Clock clock;

    public DeletionService(Accounts accounts, Memberships memberships, QueueStore queues, CallflowService callflows, NumberService numbers,
                           DeviceStore devices, TombstoneStore tombstones, Access access,
                           Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.queues = queues;
        this.callflows = callflows;
        this.numbers = numbers;
        this.devices = devices;
        this.tombstones = tombstones;
        this.access = access;
        this.clock = clock;
    }

    public record Deleted(String userId, String removedAt, String purgeAt) {
        static Deleted of(Tombstone t) {
            return new Deleted(t.userId(), t.removedAt(), t.purgeAt());
        }
    }

    /** The check call: the same list the refusal gives, changing nothing. */
    public List<Blocker> blockers(Caller caller, String userId) {
        access.admin(caller);
        return blockersOf(current(caller.accountId(), userId));
    }

    public List<Blocker> blockersOf(Member member) {
        List<Blocker> all = new ArrayList<>();
        for (Queue q : queues.list(member.accountId())) {
            if (q.memberUserIds().contains(member.userId())) {
                all.add(Blocker.of(q, member.extension()));
            }
        }
        callflows.naming(member.accountId(), member.userId()).forEach(c -> all.add(Blocker.of(c, member.userId())));
        numbers.assignedTo(member.accountId(), member.userId()).forEach(n -> all.add(Blocker.ofNumber(n.number())));
        devices.of(member.accountId(), member.userId()).forEach(d -> all.add(Blocker.of(d)));
        return all;
    }

    /** delete-user over HTTP: refused with every blocker listed, or done at once. */
    public Deleted delete(Caller caller, String userId) {
        Member actor = access.admin(caller);
        Member target = current(caller.accountId(), userId);
        access.requireMayManage(actor, target);
        return Deleted.of(remove(target, false));
    }

    /**
     * The workflow's delete step: the same rules, and safe to repeat: a user already removed answers with their
     * tombstone.
     */
    public Deleted deleteIfPresent(String accountId, String userId) {
        return ifPresent(accountId, userId, member -> remove(member, true));
    }

    private Deleted ifPresent(String accountId, String userId, Function<Member, Tombstone> removal) {
        Member member = memberships.member(accountId, userId).orElse(null);
        if (member == null || member.status() == MemberStatus.REMOVED) {
            return tombstones.get(accountId, userId).map(Deleted::of)
                    .orElseThrow(() -> ApiException.notFound("User"));
        }
        return Deleted.of(removal.apply(member));
    }

    /**
     * Over HTTP any blocker is USER_HAS_DEPENDENCIES; the workflow, which has dealt with everything else, names
     * the one thing it cannot: USER_LOGGED_IN when only device sessions remain.
     */
    private Tombstone remove(Member member, boolean fromWorkflow) {
        requireNotAgencyAdmin(member);
        return removeMember(member, fromWorkflow); // the last-admin rule is the removal's own (removal())
    }

    /**
     * The rules of leaving one account that need no look at blockers: an agency admin leaves every account of the
     * agency at once (docs/rules.md rule 11), and an account keeps an admin who can sign in (rule 14.1). The
     * offboarding's request checks them too, before its first write.
     */
    public void requireMayLeaveAlone(Member member) {
        requireNotAgencyAdmin(member);
        requireNotLastAdmin(member);
    }

    private static void requireNotAgencyAdmin(Member member) {
        if (member.role() == Role.AGENCY_ADMIN) {
            throw new ApiException(ErrorCode.INVALID_STATE, "An agency admin is removed from all of the agency's "
                    + "accounts at once (DELETE /agency/users/" + member.userId() + "), not from one");
        }
    }

    private void requireNotLastAdmin(Member member) {
        if (access.isLastAdmin(member)) {
            throw new ApiException(ErrorCode.INVALID_STATE, "The last admin of an account cannot be deleted");
        }
    }

    /**
     * Agency-wide removal, one account at a time (the workflow's step): the same rules as any delete except the
     * agency-admin one, and safe to repeat.
     */
    public Deleted removeFromAgencyAccount(String accountId, String userId) {
        return ifPresent(accountId, userId, member -> removeMember(member, true));
    }

    private Tombstone removeMember(Member member, boolean fromWorkflow) {
        Removal removal = removal(member, fromWorkflow);
        decide(() -> memberships.removeMember(member, removal.linksSeen(), removal.tombstone(), removal.event()));
        return removal.tombstone();
    }

    /** What removing a member writes, once the rules allow it: for a caller that commits it with more. */
    record Removal(long linksSeen, Tombstone tombstone, DomainEvent event) {
    }

    /** The rules of any removal but the agency-admin one (last admin, blockers), and what it then writes. */
    Removal removal(Member member, boolean fromWorkflow) {
        requireNotLastAdmin(member);
        long links = memberships.links(member.accountId(), member.userId());
        List<Blocker> blockers = blockersOf(member);
        if (!blockers.isEmpty()) {
            boolean onlyDevices = fromWorkflow && blockers.stream().allMatch(b -> b.type().equals("DEVICE"));
            throw new ApiException(onlyDevices ? ErrorCode.USER_LOGGED_IN : ErrorCode.USER_HAS_DEPENDENCIES,
                    onlyDevices ? "The user is still logged in on " + blockers.size() + " device(s); log them out first"
                            : "The user still has " + blockers.size() + " dependencies; remove them first",
                    blockers);
        }
        Account account = accounts.account(member.accountId()).orElseThrow(() -> ApiException.notFound("Account"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant purgeAt = account.paid() ? now.plus(PAID_PURGE_WINDOW) : now;
        Tombstone tombstone = new Tombstone(member.accountId(), member.userId(), now.toString(), purgeAt.toString(),
                null, label(member.accountId(), member.userId()));
        return new Removal(links, tombstone, DomainEvent.of(member.accountId(),
                now.toString(), new Event.UserRemoved(member.userId(), purgeAt.toString(), account.seats(),
                        account.seatsUsed() - 1, null)));
    }

    private Member current(String accountId, String userId) {
        return memberships.current(accountId, userId)
                .orElseThrow(() -> ApiException.notFound("User"));
    }

    /** A stable, anonymous stand-in for the person in history: the same user always gets the same label. */
    static String label(String accountId, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((accountId + "/" + userId).getBytes(StandardCharsets.UTF_8));
            return "Removed user " + HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
