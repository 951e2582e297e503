package com.cloudphone.model;

import java.util.List;
import java.util.Optional;

/**
 * Routing for numbers. Versioned: saving an edit adds an ACTIVE version and leaves the previous one AVAILABLE.
 * The callflow itself is ACTIVE while it routes numbers and AVAILABLE once it has none. {@code revision} guards
 * concurrent edits.
 */
public record Callflow(String accountId, String callflowId, String name, CallflowKind kind, List<String> numbers,
                       List<CallflowVersion> versions, long revision, String createdAt) {
    /**
     * Numbers and dial list named at once: a callflow is written in one transaction (at most 100 items) with a
     * routing update per number and a link per user. A callflow may route more through reassignments, which move
     * numbers in batches of {@link #MAX_NUMBERS}.
     */
    public static final int MAX_NUMBERS = 40;
    public static final int MAX_DIAL = 50;

    public Callflow {
        numbers = List.copyOf(numbers);
        versions = List.copyOf(versions);
    }

    public CallflowStatus status() {
        return numbers.isEmpty() ? CallflowStatus.AVAILABLE : CallflowStatus.ACTIVE;
    }

    public Optional<CallflowVersion> activeVersion() {
        return versions.stream().filter(v -> v.status() == CallflowStatus.ACTIVE).findFirst();
    }

    public List<CallflowVersion> versionsNaming(String userId) {
        return versions.stream().filter(v -> v.names(userId)).toList();
    }

    public int nextVersion() {
        return versions.stream().mapToInt(CallflowVersion::version).max().orElse(0) + 1;
    }

    public Callflow with(List<String> newNumbers, List<CallflowVersion> newVersions) {
        return new Callflow(accountId, callflowId, name, kind, newNumbers, newVersions, revision, createdAt);
    }
}
