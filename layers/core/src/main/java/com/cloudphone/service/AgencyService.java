package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.json.Json;
import com.cloudphone.model.Account;
import com.cloudphone.model.Blocker;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Role;
import com.cloudphone.service.AgencyUsers.AgencyAccount;
import com.cloudphone.service.AgencyUsers.AgencyUser;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.JobStore;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.TombstoneStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/rules.md rule 11, agencies. An agency is a top-level account with sub-accounts; its AGENCY_ADMINs decide which
 * sub-accounts a login belongs to and with what role. Leaving a sub-account follows that account's deletion rules
 * (blockers, tombstone, purge window). An agency admin is never removed from one account alone: only from all of
 * the agency's accounts at once, by an asynchronous job. A removed membership can come back, with another role,
 * until its data is purged.
 */
public final class AgencyService {
    private final Accounts accounts;
    private final Memberships memberships;
    private final Logins logins;
    private final Access access;
    private final DeletionService deletion;
    private final JobStore jobs;
    private final TombstoneStore tombstones;
    private final WorkflowStarter starter;
    private final Clock clock;

    public AgencyService(Accounts accounts, Memberships memberships, Logins logins, Access access, DeletionService deletion, JobStore jobs,
                         TombstoneStore tombstones, WorkflowStarter starter, Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.logins = logins;
        this.access = access;
        this.deletion = deletion;
        this.jobs = jobs;
        this.tombstones = tombstones;
        this.starter = starter;
        this.clock = clock;
    }

    /** The agency account and its sub-accounts, in that order. */
    private record Agency(Account account, List<Account> subAccounts) {
        Set<String> accountIds() {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(account.accountId());
            subAccounts.forEach(a -> ids.add(a.accountId()));
            return ids;
        }

        boolean hasSubAccount(String accountId) {
            return subAccounts.stream().anyMatch(a -> a.accountId().equals(accountId));
        }
    }

    /** A login's roles across the agency: account id to role, active memberships only. */
    public record Roles(String userId, Map<String, String> roles) {
    }

    /** Agency changes are made by an AGENCY_ADMIN signed in to the agency account itself. */
    private Agency agency(Caller caller) {
        Member me = access.member(caller);
        if (me.role() != Role.AGENCY_ADMIN) {
            throw ApiException.forbidden("Only agency admins manage users across the agency");
        }
        Account account = accounts.account(caller.accountId()).orElseThrow(() -> ApiException.notFound("Account"));
        if (account.parentAccountId() != null) {
            throw ApiException.forbidden("Agency changes are made from the agency account, not a sub-account");
        }
        return new Agency(account, accounts.subAccounts(account.accountId()));
    }

    /** The login's memberships within the agency, any status; 404 when it has none (it is not the agency's). */
    private Map<String, Member> memberships(Agency agency, String userId) {
        Map<String, Member> found = new TreeMap<>();
        Set<String> ours = agency.accountIds();
        for (Member m : memberships.memberships(userId)) {
            if (ours.contains(m.accountId())) {
                found.put(m.accountId(), m);
            }
        }
        if (found.isEmpty()) {
            throw ApiException.notFound("User");
        }
        return found;
    }

    /**
     * The agency's accounts (the agency first, then its sub-accounts by name) and every login that is a member
     * (not removed) of any of them, with its role in each, by display name. One query per account.
     */
    public AgencyUsers users(Caller caller) {
        Agency agency = agency(caller);
        List<AgencyAccount> accounts = new ArrayList<>();
        accounts.add(new AgencyAccount(agency.account().accountId(), agency.account().name(), true));
        agency.subAccounts().stream()
                .sorted(Comparator.comparing(Account::name).thenComparing(Account::accountId))
                .forEach(a -> accounts.add(new AgencyAccount(a.accountId(), a.name(), false)));
        Map<String, Member> first = new LinkedHashMap<>();
        Map<String, Map<String, String>> roles = new LinkedHashMap<>();
        for (AgencyAccount account : accounts) {
            for (Member m : memberships.members(account.accountId())) {
                first.putIfAbsent(m.userId(), m);
                roles.computeIfAbsent(m.userId(), id -> new TreeMap<>()).put(account.accountId(), m.role().name());
            }
        }
        List<AgencyUser> users = first.values().stream()
                .map(m -> new AgencyUser(m.userId(), m.displayName(), m.username(), m.email(), m.kind().name(),
                        roles.get(m.userId())))
                .sorted(Comparator.comparing((AgencyUser u) -> Objects.requireNonNullElse(u.displayName(), ""),
                                String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(AgencyUser::userId))
                .toList();
        return new AgencyUsers(agency.account().accountId(), accounts, users);
    }

    public Roles roles(Caller caller, String userId) {
        return view(userId, memberships(agency(caller), userId));
    }

    /**
     * Sets the sub-accounts the login belongs to, and its role in each, to exactly {@code wanted}: the ones left
     * out are left (each like a delete there), new ones are joined (a seat each), removed ones not yet purged come
     * back. Everything is checked first, and every account changes in one transaction: all or nothing (a seat
     * that runs out in one account leaves every account as it was).
     */
    public Roles setRoles(Caller caller, String userId, Map<String, Role> wanted) {
        Agency agency = agency(caller);
        Map<String, Member> all = memberships(agency, userId);
        List<FieldProblem> problems = new ArrayList<>();
        wanted.forEach((accountId, role) -> {
            if (!agency.hasSubAccount(accountId)) {
                problems.add(new FieldProblem("roles." + accountId, "is not a sub-account of this agency"));
            } else if (role == Role.AGENCY_ADMIN) {
                problems.add(new FieldProblem("roles." + accountId, "agency admins are made in the agency account"));
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (all.values().stream().anyMatch(m -> m.role() == Role.AGENCY_ADMIN && m.status() != MemberStatus.REMOVED)) {
            throw new ApiException(ErrorCode.INVALID_STATE, "An agency admin belongs to every sub-account; remove "
                    + "them from all accounts at once (DELETE /agency/users/" + userId + ")");
        }
        List<Member> leaving = all.values().stream()
                .filter(m -> m.status() != MemberStatus.REMOVED && agency.hasSubAccount(m.accountId())
                        && !wanted.containsKey(m.accountId()))
                .toList();
        requireRemovable(leaving);
        for (Member m : all.values()) {
            if (m.status() == MemberStatus.REMOVED && wanted.containsKey(m.accountId()) && purgeDue(m)) {
                throw new ApiException(ErrorCode.INVALID_STATE, "The user's data in account " + m.accountId()
                        + " is due to be purged; they can join it again once that is done");
            }
        }

        Login login = logins.login(userId).orElseThrow(() -> ApiException.notFound("User"));
        Member template = all.values().iterator().next();
        String now = clock.instant().toString();
        Memberships.Changes changes = memberships.changes();
        for (Map.Entry<String, Role> entry : new TreeMap<>(wanted).entrySet()) {
            String accountId = entry.getKey();
            Role role = entry.getValue();
            Member current = all.get(accountId);
            if (current == null) {
                // an invitation not yet accepted stays one in the new account too
                Member joined = new Member(accountId, userId, template.kind(), role,
                        login.passwordHash() == null ? MemberStatus.INVITED : MemberStatus.ACTIVE, login.username(),
                        login.email(), template.displayName(), null, template.timezone(), null, false, false, now);
                changes.join(joined, added(joined, caller, now));
            } else if (current.status() == MemberStatus.REMOVED) {
                Member revived = current.activeAs(role);
                changes.revive(revived, added(revived, caller, now));
            } else if (current.role() != role) {
                changes.update(current, current.activeAs(role).withStatus(current.status()),
                        DomainEvent.of(accountId, now,
                                new Event.UserUpdated(userId, List.of("role"), caller.userId())));
            }
        }
        for (Member m : leaving) {
            var removal = deletion.removal(m, true);
            changes.remove(m, removal.linksSeen(), removal.tombstone(), removal.event());
        }
        decide(changes::commit);
        return view(userId, memberships(agency, userId));
    }

    /**
     * Removes an agency admin (or anyone) from every account of the agency, as a job the caller polls at
     * {@code GET /jobs/{jobId}}. Refused at once, with every blocker of every account, when something still
     * depends on them somewhere, or when they are the agency's last agency admin.
     */
    public OffboardingService.Started removeEverywhere(Caller caller, String userId) {
        Agency agency = agency(caller);
        List<Member> active = memberships(agency, userId).values().stream()
                .filter(m -> m.status() != MemberStatus.REMOVED).toList();
        if (active.isEmpty()) {
            throw ApiException.notFound("User");
        }
        boolean lastAgencyAdmin = active.stream().anyMatch(m -> m.accountId().equals(agency.account().accountId())
                && m.role() == Role.AGENCY_ADMIN && access.isLastAgencyAdmin(m));
        if (lastAgencyAdmin) {
            throw new ApiException(ErrorCode.INVALID_STATE, "The agency must keep at least one agency admin");
        }
        Optional<Job> running = jobs.latestFor(agency.account().accountId(), userId)
                .filter(j -> j.status() == JobStatus.RUNNING);
        if (running.isPresent()) {
            return new OffboardingService.Started(running.get().jobId());
        }
        requireRemovable(active);
        // sub-accounts first, the agency account last: while anything is left, an agency admin can still look on
        List<String> accounts = new ArrayList<>(active.stream().map(Member::accountId)
                .filter(id -> !id.equals(agency.account().accountId())).toList());
        active.stream().map(Member::accountId).filter(id -> id.equals(agency.account().accountId())).forEach(accounts::add);
        String now = clock.instant().toString();
        Map<String, Object> plan = Map.of("removeFromAllAccounts", true, "accounts", accounts);
        Job job = new Job(agency.account().accountId(), Ids.inTimeOrder("job", Instant.parse(now)), userId, JobStatus.RUNNING, "STARTING",
                Json.write(plan), Map.of(), null, now, now);
        jobs.create(job);
        ExecutionInput input = new ExecutionInput.AgencyRemoval(job.jobId(), agency.account().accountId(), userId,
                accounts);
        starter.start(job.jobId(), Json.write(input));
        return new OffboardingService.Started(job.jobId());
    }

    /** A removed membership can come back only before its purge is due: the purge never overlaps a return. */
    private boolean purgeDue(Member removed) {
        return tombstones.get(removed.accountId(), removed.userId())
                .map(t -> !clock.instant().isBefore(Instant.parse(t.purgeAt())))
                .orElse(true);
    }

    /** Every blocker in every account the login would leave, tagged with its account, in one refusal. */
    private void requireRemovable(List<Member> leaving) {
        List<Map<String, Object>> blocked = new ArrayList<>();
        for (Member m : leaving) {
            List<Blocker> blockers = deletion.blockersOf(m);
            if (!blockers.isEmpty()) {
                blocked.add(Map.of("accountId", m.accountId(), "blockers", blockers));
            }
            if (m.role() != Role.AGENCY_ADMIN && access.isLastAdmin(m)) {
                throw new ApiException(ErrorCode.INVALID_STATE,
                        "The user is the last admin of account " + m.accountId() + " and cannot leave it");
            }
        }
        if (!blocked.isEmpty()) {
            throw new ApiException(ErrorCode.USER_HAS_DEPENDENCIES, "The user still has dependencies in "
                    + blocked.size() + " account(s); remove them first", blocked);
        }
    }

    private static DomainEvent added(Member member, Caller caller, String now) {
        return DomainEvent.of(member.accountId(), now,
                new Event.UserAdded(member.userId(), member.kind(), member.role(), caller.userId()));
    }

    private static Roles view(String userId, Map<String, Member> memberships) {
        Map<String, String> roles = new TreeMap<>();
        memberships.values().stream().filter(m -> m.status() != MemberStatus.REMOVED)
                .forEach(m -> roles.put(m.accountId(), m.role().name()));
        return new Roles(userId, roles);
    }
}
