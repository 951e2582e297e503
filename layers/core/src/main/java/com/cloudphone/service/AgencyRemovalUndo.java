package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Job;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.JobStore;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.TombstoneStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A removal from every account of an agency that stops part way (a new dependency in one account, a race lost to
 * another admin) is undone: the login goes back into each account the job took it out of, with the role, status,
 * settings and extension it had, so it is left as it was and the removal can simply be asked for again. What cannot
 * come back (no seat left, the data already purged) is reported per account on the job (docs/workflow.md).
 */
public final class AgencyRemovalUndo {
    private static final String ACCOUNT_STEP = "account:";

    private final Memberships memberships;
    private final Logins logins;
    private final JobStore jobs;
    private final TombstoneStore tombstones;
    private final Clock clock;

    public AgencyRemovalUndo(Memberships memberships, Logins logins, JobStore jobs, TombstoneStore tombstones, Clock clock) {
        this.memberships = memberships;
        this.logins = logins;
        this.jobs = jobs;
        this.tombstones = tombstones;
        this.clock = clock;
    }

    /** What the undo did: {@code restored} account ids, {@code notRestored} (accountId, code, message). */
    public record Outcome(List<String> restored, List<Map<String, String>> notRestored) {
        public Map<String, Object> toStep() {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("restored", restored);
            step.put("notRestored", notRestored);
            return step;
        }
    }

    /**
     * Undoes the agency removal {@code jobId} (run by the state machine's failure path, and safe to run again: a
     * membership already back is counted as restored). Empty for any other kind of job.
     */
    public Outcome undo(String agencyAccountId, String jobId) {
        Job job = jobs.get(agencyAccountId, jobId).orElse(null);
        Map<String, Object> plan = job == null ? Map.of() : Json.parseObject(job.planJson());
        if (!Boolean.TRUE.equals(plan.get("removeFromAllAccounts")) || !(plan.get("accounts") instanceof List<?> accounts)) {
            return new Outcome(List.of(), List.of());
        }
        // removals are stamped to the second: one stamped before the job's second was not the job's
        Instant started = Instant.parse(job.createdAt()).truncatedTo(ChronoUnit.SECONDS);
        Login login = logins.login(job.userId()).orElse(null);
        List<String> restored = new ArrayList<>();
        List<Map<String, String>> notRestored = new ArrayList<>();
        for (Object planned : accounts) { // in the order the job left them
            String accountId = String.valueOf(planned);
            if (!job.stepsJson().containsKey(ACCOUNT_STEP + accountId)) {
                continue;
            }
            Member member = memberships.member(accountId, job.userId()).orElse(null);
            Tombstone tombstone = tombstones.get(accountId, job.userId()).orElse(null);
            if (member != null && member.status() != MemberStatus.REMOVED) {
                restored.add(accountId);
            } else if (member == null || tombstone == null || tombstone.purgedAt() != null) {
                notRestored.add(problem(accountId, ErrorCode.INVALID_STATE, "the user's data there was already purged"));
            } else if (!Instant.parse(tombstone.removedAt()).isBefore(started)) {
                try {
                    restore(member, login);
                    restored.add(accountId);
                } catch (ApiException refused) {
                    notRestored.add(problem(accountId, refused.code(), refused.getMessage()));
                }
            }
        }
        return new Outcome(restored, notRestored);
    }

    /** Back as it was; without its extension when someone else has taken that meanwhile. */
    private void restore(Member removed, Login login) {
        MemberStatus status = login != null && login.passwordHash() != null ? MemberStatus.ACTIVE : MemberStatus.INVITED;
        Member back = removed.withStatus(status);
        DomainEvent added = DomainEvent.of(removed.accountId(), clock.instant().toString(),
                new Event.UserAdded(removed.userId(), removed.kind(), removed.role(), "agency"));
        try {
            memberships.reviveMembership(back, added);
        } catch (Refused refused) {
            if (!(refused.refusal() instanceof Refusal.ClaimTaken taken) || taken.claim() != Refusal.Claim.EXTENSION) {
                throw Refusals.meaning(refused.refusal());
            }
            decide(() -> memberships.reviveMembership(back.withExtension(null), added));
        }
    }

    private static Map<String, String> problem(String accountId, ErrorCode code, String message) {
        return Map.of("accountId", accountId, "code", code.name(), "message", message);
    }
}
