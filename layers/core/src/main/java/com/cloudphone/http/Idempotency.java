package com.cloudphone.http;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.model.Member;
import com.cloudphone.model.Refused;
import com.cloudphone.model.Role;
import com.cloudphone.service.Caller;
import com.cloudphone.service.Refusals;
import com.cloudphone.store.IdempotencyStore;
import com.cloudphone.store.RequestClaim;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * docs/rules.md rules 13.4-13.6: a mutating request sent again with the same {@code Idempotency-Key} does not act twice. The first
 * one claims the key, acts, and keeps its response for 24 hours; a retry gets that response back. The same key
 * with a different request is refused, and so is a retry while the first is still running.
 */
public final class Idempotency {
    static final String HEADER = "idempotency-key";
    static final Duration KEPT_FOR = Duration.ofHours(24);
    /** How long an attempt that says nothing counts as running: twice the HTTP functions' timeout. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private final IdempotencyStore store;
    private final Clock clock;
    private final Function<Caller, Member> liveMember;

    /** {@code liveMember}: the caller's current membership, refusing a token that no longer speaks for it. */
    public Idempotency(IdempotencyStore store, Clock clock, Function<Caller, Member> liveMember) {
        this.store = store;
        this.clock = clock;
        this.liveMember = liveMember;
    }

    /** The response the request's handling produced, or the one a previous identical request kept. */
    Reply run(ApiRequest request, Supplier<Reply> handling) {
        String key = request.header(HEADER).orElse(null);
        Caller caller = request.callerIfAny().orElse(null);
        if (key == null || caller == null || !MUTATING.contains(request.method())) {
            return handling.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key", "must be 8-100 letters, digits, dots, dashes, colons or underscores");
        }
        String scoped = caller.userId() + "#" + key;
        String hash = hash(request);
        long now = clock.instant().getEpochSecond();
        // a kept answer is still an answer to this caller: their access is checked as for any request, first
        Member member = liveMember.apply(caller);
        long leaseUntil = now + LEASE.toSeconds();
        Optional<RequestClaim> claim = store.claim(caller.accountId(), scoped, hash, now, leaseUntil,
                now + KEPT_FOR.toSeconds(), member.role().name());
        if (claim.isEmpty()) {
            IdempotencyStore.Record previous = store.get(caller.accountId(), scoped)
                    .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "Retry the request"));
            if (Role.valueOf(previous.role()).isAdmin() && !member.isAdmin()) {
                throw ApiException.forbidden("Only admins can do this");
            }
            if (!previous.requestHash().equals(hash)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request");
            }
            if (previous.done()) {
                return new Reply(previous.status(), new Replayed(previous.body()));
            }
            // the earlier attempt ended without an answer: its last change did not commit (it commits with the
            // answer), so this one runs the request again; earlier changes of a request of several steps converge
            if (previous.abandoned(now)) claim = store.takeOver(caller.accountId(), scoped, previous, leaseUntil);
            if (claim.isEmpty()) {
                throw new ApiException(ErrorCode.CONFLICT, "The first request with this Idempotency-Key is still running");
            }
        }
        RequestClaim running = claim.get();
        long attempt = running.attempt();
        try {
            return running.run(() -> {
                Reply reply = handling.get();
                running.complete(reply.status(), reply.body() == null ? null : Json.write(reply.body()));
                return reply;
            });
        } catch (ApiException | Refused failure) {
            // the answer's own transaction may be the one refused: a refusal means the same wherever it surfaces
            ApiException refused = failure instanceof Refused r ? Refusals.meaning(r.refusal()) : (ApiException) failure;
            // a refusal wrote nothing, unless a change of the request was committed before it
            try {
                running.sendHeld();
            } catch (RuntimeException e) {
                store.fail(caller.accountId(), scoped, attempt);
                throw refused;
            }
            if (running.sentAny()) store.fail(caller.accountId(), scoped, attempt);
            else store.release(caller.accountId(), scoped, attempt);
            throw refused;
        } catch (RuntimeException unknown) {
            // the outcome is unknown (a timeout may hide a commit): the claim stays, for a retry to settle
            store.fail(caller.accountId(), scoped, attempt);
            throw unknown;
        }
    }

    /** A kept response body, already JSON. */
    record Replayed(String json) {
    }

    private static String hash(ApiRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.routeKey() + "\n" + request.rawPath() + "\n").getBytes(StandardCharsets.UTF_8));
            String body = request.body();
            if (body != null) {
                digest.update(body.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
