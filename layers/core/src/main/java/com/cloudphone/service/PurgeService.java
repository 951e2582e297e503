package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.CallLog;
import com.cloudphone.store.DeviceStore;
import com.cloudphone.store.JobStore;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.Purges;
import com.cloudphone.store.TombstoneStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * purge-data: erases a removed member's personal data once their tombstone is due, and anonymises their calls.
 * Run by the workflow after its Wait, and by an hourly sweep that catches any execution that was lost.
 */
public final class PurgeService {
    private final Memberships memberships;
    private final Purges purges;
    private final TombstoneStore tombstones;
    private final CallLog calls;
    private final DeviceStore devices;
    private final JobStore jobs;
    private final Clock clock;

    public PurgeService(Memberships memberships, Purges purges, TombstoneStore tombstones, CallLog calls, DeviceStore devices,
                        JobStore jobs, Clock clock) {
        this.memberships = memberships;
        this.purges = purges;
        this.tombstones = tombstones;
        this.calls = calls;
        this.devices = devices;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Purges one member. A tombstone already purged changes nothing; one not yet due is refused, so the 28-day
     * window of paid accounts is never cut short.
     */
    public Map<String, Object> purge(String accountId, String userId) {
        Tombstone tombstone = tombstones.get(accountId, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No removed user " + userId + " to purge"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("userId", userId);
        if (tombstone.purged()) {
            result.put("outcome", "ALREADY_PURGED");
            result.put("purgedAt", tombstone.purgedAt());
            return result;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(Instant.parse(tombstone.purgeAt()))) {
            throw new ApiException(ErrorCode.INVALID_STATE, "Purge is not due before " + tombstone.purgeAt());
        }
        int anonymised = decide(() -> calls.anonymise(accountId, userId, tombstone.label()));
        Member member = memberships.member(accountId, userId).orElse(null);
        int erased = 0;
        boolean keepLogin = true;
        if (member != null && member.status() == MemberStatus.REMOVED) {
            keepLogin = memberships.memberships(userId).stream()
                    .anyMatch(m -> !m.accountId().equals(accountId) && m.status() != MemberStatus.REMOVED);
            erased = purges.erase(member, devices.of(accountId, userId), keepLogin);
        }
        Tombstone purged = new Tombstone(accountId, userId, tombstone.removedAt(), tombstone.purgeAt(), now.toString(),
                tombstone.label());
        DomainEvent event = DomainEvent.of(accountId, now.toString(), new Event.UserPurged(userId, anonymised, keepLogin));
        if (!decide(() -> purges.markPurged(purged, event))) {
            // a concurrent purge (the sweep and the workflow) finished first and told billing
            result.put("outcome", "ALREADY_PURGED");
            result.put("purgedAt", tombstones.get(accountId, userId).map(Tombstone::purgedAt).orElse(now.toString()));
            return result;
        }
        result.put("outcome", "PURGED");
        result.put("purgedAt", now.toString());
        result.put("callsAnonymised", anonymised);
        result.put("itemsErased", erased);
        result.put("loginKept", keepLogin);
        finishJobWaitingFor(accountId, userId, result, now.toString());
        return result;
    }

    /** The sweep may purge for an execution that was lost: the offboarding job it left waiting ends too. */
    private void finishJobWaitingFor(String accountId, String userId, Map<String, Object> result, String now) {
        jobs.latestFor(accountId, userId).filter(j -> j.status() == JobStatus.WAITING_FOR_PURGE).ifPresent(j ->
                jobs.recordStep(accountId, j.jobId(), "purge", Json.write(result), "DONE", JobStatus.SUCCEEDED, now));
    }

    /** The scheduled sweep: purges every due tombstone; one failure does not stop the others. */
    public Map<String, Object> sweep() {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> purged = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Tombstone t : tombstones.due(now)) {
            try {
                purge(t.accountId(), t.userId());
                purged.add(t.accountId() + "/" + t.userId());
            } catch (RuntimeException e) {
                failed.add(t.accountId() + "/" + t.userId());
            }
        }
        return Map.of("purged", purged, "failed", failed);
    }
}
