package com.cloudphone.store;

import com.cloudphone.model.Refused;
import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The idempotency claim a request runs under (docs/rules.md rule 13.7), for the transactions it commits on this thread.
 *
 * <p>The request's last transaction is held back and committed together with the kept answer
 * ({@link #complete}), so a change and the answer a retry replays land together or not at all: a create whose
 * answer was lost on the way back is replayed, not made twice. An earlier transaction of the same request is
 * committed when the next one comes. Every transaction sent under the claim is fenced by the claim's attempt, so an
 * attempt that was given up (its retry took the claim over) can no longer commit anything.
 */
public final class RequestClaim {
    private static final ThreadLocal<RequestClaim> CURRENT = new ThreadLocal<>();

    private final Table table;
    private final Map<String, AttributeValue> key;
    private final long attempt;
    private Transaction held;
    private boolean sent;

    RequestClaim(Table table, Map<String, AttributeValue> key, long attempt) {
        this.table = table;
        this.key = key;
        this.attempt = attempt;
    }

    /** Runs {@code work} under this claim. */
    public <T> T run(Supplier<T> work) {
        RequestClaim outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    static RequestClaim current() {
        return CURRENT.get();
    }

    /** Sends the change the current request holds back, if any: before anything outside the table reads it. */
    public static void sendCurrentHeld() {
        RequestClaim claim = CURRENT.get();
        if (claim != null) claim.sendHeld();
    }

    /**
     * Takes {@code tx} in instead of committing it now (true), after sending the one held before; false when it has
     * no room for the claim's part, and the caller sends it with {@link #sendNow}.
     */
    boolean hold(Transaction tx) {
        sendHeld();
        if (tx.size() >= Transaction.MAX_ITEMS) return false;
        held = tx;
        return true;
    }

    /**
     * Sends the transaction held back, if any, fenced by the attempt. After a refusal, what the request changed
     * before it stays, as without a claim.
     */
    public void sendHeld() {
        Transaction tx = held;
        if (tx == null) return;
        held = null;
        send(fenced(tx));
    }

    /** Sends {@code tx} at once, after the one held back: for a caller that needs the outcome now. */
    void sendNow(Transaction tx) {
        sendHeld();
        send(tx.size() < Transaction.MAX_ITEMS ? fenced(tx) : tx);
    }

    /** A refused transaction committed nothing; any other failure may hide a commit, so it counts as sent. */
    private void send(Transaction tx) {
        boolean before = sent;
        sent = true;
        try {
            tx.send();
        } catch (Refused refused) {
            sent = before;
            throw refused;
        }
    }

    /** {@code tx} on condition that the claim is still this attempt's (a retry that took it over fences it out). */
    private Transaction fenced(Transaction tx) {
        return tx.check(key, fence(Map.of(), Map.of()), superseded());
    }

    public long attempt() {
        return attempt;
    }

    /** Whether a transaction of this attempt was (or may have been) committed already. */
    public boolean sentAny() {
        return sent;
    }

    /** Commits the held transaction, if any, with the answer: state DONE, the status and the body to replay. */
    public void complete(int status, String body) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", s(IdempotencyStore.State.DONE.name()), ":status", n(status)));
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        String update = "SET #state = :done, #status = :status";
        if (body != null) {
            update += ", #body = :body";
            values.put(":body", s(body));
            names.put("#body", "body");
        }
        Transaction tx = held != null ? held : new Transaction(table);
        held = null;
        tx.update(key, update, fence(names, values), superseded());
        send(tx);
    }

    /** The claim's condition (still running, still this attempt) with the names and values an update adds. */
    private Transaction.Cond fence(Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#state", "state");
        allNames.put("#attempt", "attempt");
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":running", s(IdempotencyStore.State.IN_PROGRESS.name()));
        all.put(":attempt", n(attempt));
        return new Transaction.Cond("#state = :running AND #attempt = :attempt", allNames, all);
    }

    private static Refusal superseded() {
        return new Refusal.Superseded();
    }
}
