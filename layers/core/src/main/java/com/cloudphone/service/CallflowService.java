package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.CallflowStatus;
import com.cloudphone.model.CallflowVersion;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.store.CallflowStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned callflows: creating them, saving group edits as new versions, reassigning a direct line's numbers,
 * deleting AVAILABLE versions and callflows, and the two offboarding actions built from those.
 */
public final class CallflowService {
    private final CallflowStore callflows;
    private final Access access;
    private final Clock clock;

    public CallflowService(CallflowStore callflows, Access access, Clock clock) {
        this.callflows = callflows;
        this.access = access;
        this.clock = clock;
    }

    public record VersionView(int version, String status, String userId, List<String> dialUserIds, String createdAt) {
    }

    public record CallflowView(String callflowId, String name, String kind, String status, List<String> numbers,
                               List<VersionView> versions, String createdAt) {
        static CallflowView of(Callflow c) {
            return new CallflowView(c.callflowId(), c.name(), c.kind().name(), c.status().name(), c.numbers(),
                    c.versions().stream().map(v -> new VersionView(v.version(), v.status().name(), v.userId(),
                            v.dialUserIds(), v.createdAt())).toList(), c.createdAt());
        }
    }

    public CallflowView create(Caller caller, String name, CallflowKind kind, List<String> numbers, String userId,
                               List<String> dialUserIds) {
        access.admin(caller);
        String now = clock.instant().toString();
        List<String> dial = kind == CallflowKind.GROUP ? dialUserIds.stream().distinct().toList() : List.of();
        CallflowVersion first = new CallflowVersion(1, CallflowStatus.ACTIVE, kind == CallflowKind.DIRECT ? userId : null,
                dial, now);
        Callflow callflow = new Callflow(caller.accountId(), Ids.next("cf"), name, kind,
                numbers.stream().distinct().toList(), List.of(first), 0, now);
        decide(() -> callflows.create(callflow, kind == CallflowKind.DIRECT ? List.of(userId) : dial,
                event(callflow, new Event.CallflowCreated(callflow.callflowId()))));
        // the answer is what was written, not a read of it: under an Idempotency-Key the write waits for it
        return CallflowView.of(callflow);
    }

    public Page<CallflowView> list(Caller caller, PageRequest request) {
        access.admin(caller);
        return decide(() -> callflows.list(caller.accountId(), request)).map(CallflowView::of);
    }

    public CallflowView view(Caller caller, String callflowId) {
        access.admin(caller);
        return CallflowView.of(get(caller.accountId(), callflowId));
    }

    /** reassign-callflow: every number of the source moves to the target; the source becomes AVAILABLE. */
    public CallflowView reassign(Caller caller, String sourceId, String targetId) {
        access.admin(caller);
        Callflow source = get(caller.accountId(), sourceId);
        if (sourceId.equals(targetId)) {
            throw ApiException.invalid("targetCallflowId", "must be another callflow");
        }
        Callflow target = callflows.get(caller.accountId(), targetId)
                .orElseThrow(() -> ApiException.invalid("targetCallflowId", "no such callflow in the account"));
        moveNumbers(source, target);
        return CallflowView.of(get(caller.accountId(), sourceId));
    }

    private void moveNumbers(Callflow source, Callflow target) {
        // a transaction holds at most 100 items: numbers move in batches, each whole, and a retry moves the rest
        while (!source.numbers().isEmpty()) {
            int size = Math.min(Callflow.MAX_NUMBERS, source.numbers().size());
            List<String> batch = source.numbers().subList(0, size);
            List<String> merged = new ArrayList<>(target.numbers());
            merged.addAll(batch);
            Callflow from = source;
            Callflow to = target;
            decide(() -> callflows.reassign(from, to, batch,
                    from.with(from.numbers().subList(size, from.numbers().size()), from.versions()),
                    to.with(merged, to.versions()),
                    event(from, new Event.CallflowReassigned(from.callflowId(), to.callflowId(), batch))));
            source = get(source.accountId(), source.callflowId());
            target = get(target.accountId(), target.callflowId());
        }
    }

    /** Saves a group edit: a new ACTIVE version with this dial list; the previous ACTIVE one becomes AVAILABLE. */
    public CallflowView newVersion(Caller caller, String callflowId, List<String> dialUserIds) {
        access.admin(caller);
        Callflow before = get(caller.accountId(), callflowId);
        if (before.kind() != CallflowKind.GROUP) {
            throw new ApiException(ErrorCode.INVALID_STATE, "Only group callflows take a new dial list");
        }
        return CallflowView.of(saveGroupVersion(before, dialUserIds.stream().distinct().toList()));
    }

    private Callflow saveGroupVersion(Callflow before, List<String> dial) {
        List<CallflowVersion> versions = new ArrayList<>(before.versions().stream()
                .map(v -> v.status() == CallflowStatus.ACTIVE ? v.withStatus(CallflowStatus.AVAILABLE) : v).toList());
        int next = before.nextVersion();
        versions.add(new CallflowVersion(next, CallflowStatus.ACTIVE, null, dial, clock.instant().toString()));
        List<String> newlyNamed = dial.stream()
                .filter(id -> before.activeVersion().map(v -> !v.names(id)).orElse(true)).toList();
        Callflow after = before.with(before.numbers(), versions);
        decide(() -> callflows.saveVersions(before, after, newlyNamed, event(before, new Event.CallflowVersionSaved(before.callflowId(), next))));
        return after;
    }

    /** Deletes an AVAILABLE version; the ACTIVE one is refused. Deleting a version already gone is a 404. */
    public CallflowView deleteVersion(Caller caller, String callflowId, int version) {
        access.admin(caller);
        Callflow before = get(caller.accountId(), callflowId);
        CallflowVersion target = before.versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("Version"));
        if (target.status() == CallflowStatus.ACTIVE) {
            throw new ApiException(ErrorCode.INVALID_STATE, "The ACTIVE version cannot be deleted; save a new one first");
        }
        dropVersions(before, List.of(version));
        return CallflowView.of(get(caller.accountId(), callflowId));
    }

    private void dropVersions(Callflow before, List<Integer> doomed) {
        List<CallflowVersion> kept = before.versions().stream().filter(v -> !doomed.contains(v.version())).toList();
        decide(() -> callflows.saveVersions(before, before.with(before.numbers(), kept), List.of(),
                event(before, new Event.CallflowVersionsDeleted(before.callflowId(), doomed))));
    }

    /** Deletes a callflow that routes no numbers (AVAILABLE). */
    public void delete(Caller caller, String callflowId) {
        access.admin(caller);
        Callflow seen = get(caller.accountId(), callflowId);
        if (seen.status() != CallflowStatus.AVAILABLE) {
            throw new ApiException(ErrorCode.INVALID_STATE,
                    "The callflow still routes numbers " + seen.numbers() + "; reassign them first");
        }
        decide(() -> callflows.delete(seen, event(seen, new Event.CallflowDeleted(seen.callflowId()))));
    }

    /**
     * Offboarding, direct line: move the callflow's numbers to {@code targetId}, then delete the now AVAILABLE
     * callflow. Each part checks what is already done, so a retry converges.
     */
    public Map<String, Object> moveNumbersAndDelete(String accountId, String callflowId, String targetId) {
        Optional<Callflow> source = callflows.get(accountId, callflowId);
        if (source.isEmpty()) {
            return Map.of("callflowId", callflowId, "action", "MOVE_NUMBERS", "outcome", "ALREADY_DONE");
        }
        Callflow target = callflows.get(accountId, targetId).orElseThrow(() -> new ApiException(ErrorCode.INVALID_STATE,
                "Target callflow " + targetId + " no longer exists"));
        List<String> moved = source.get().numbers();
        moveNumbers(source.get(), target);
        Callflow emptied = get(accountId, callflowId);
        decide(() -> callflows.delete(emptied, event(emptied, new Event.CallflowDeleted(emptied.callflowId()))));
        return Map.of("callflowId", callflowId, "action", "MOVE_NUMBERS", "targetCallflowId", targetId,
                "numbersMoved", moved, "outcome", "DONE");
    }

    /**
     * Offboarding, group: save a version without the user (if the ACTIVE one names them), then delete every
     * AVAILABLE version that still names them.
     */
    public Map<String, Object> dropFromGroup(String accountId, String callflowId, String userId) {
        Optional<Callflow> found = callflows.get(accountId, callflowId);
        if (found.isEmpty()) {
            return Map.of("callflowId", callflowId, "action", "DROP_FROM_GROUP", "outcome", "ALREADY_DONE");
        }
        Callflow before = found.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("callflowId", callflowId);
        result.put("action", "DROP_FROM_GROUP");
        Optional<CallflowVersion> active = before.activeVersion();
        if (active.isPresent() && active.get().names(userId)) {
            saveGroupVersion(before, active.get().dialUserIds().stream().filter(id -> !id.equals(userId)).toList());
            before = get(accountId, callflowId);
            result.put("newVersion", before.activeVersion().map(CallflowVersion::version).orElse(null));
        }
        List<Integer> doomed = before.versions().stream()
                .filter(v -> v.status() == CallflowStatus.AVAILABLE && v.names(userId))
                .map(CallflowVersion::version).toList();
        if (!doomed.isEmpty()) {
            dropVersions(before, doomed);
        }
        result.put("deletedVersions", doomed);
        result.put("outcome", "DONE");
        return result;
    }

    /** Callflows that name the user in any version. */
    public List<Callflow> naming(String accountId, String userId) {
        return callflows.list(accountId).stream().filter(c -> !c.versionsNaming(userId).isEmpty()).toList();
    }

    public Optional<Callflow> find(String accountId, String callflowId) {
        return callflows.get(accountId, callflowId);
    }

    private Callflow get(String accountId, String callflowId) {
        return callflows.get(accountId, callflowId).orElseThrow(() -> ApiException.notFound("Callflow"));
    }

    /** The event a callflow change records with itself. */
    private DomainEvent event(Callflow c, Event event) {
        return DomainEvent.of(c.accountId(), clock.instant().toString(), event);
    }
}
