package com.cloudphone.store;

import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Refusal;
import com.cloudphone.store.Transaction.Cond;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

/**
 * Callflows, with their versions in the same item. Every change is conditional on the revision that was read,
 * and numbers record which callflow routes them, in the same transaction.
 */
public final class CallflowStore {
    private final Table table;

    public CallflowStore(Table table) {
        this.table = table;
    }

    /** Creates a callflow routing {@code numbers}, each in service and routed by no other callflow. */
    public void create(Callflow callflow, Collection<String> linkedUsers, DomainEvent created) {
        Transaction tx = new Transaction(table).put(CallflowItem.SCHEMA, CallflowItem.of(callflow), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.CALLFLOW));
        for (String number : callflow.numbers()) {
            route(tx, callflow.accountId(), number, null, callflow.callflowId());
        }
        for (String userId : linkedUsers) {
            Links.link(tx, callflow.accountId(), userId, callflow.kind() == CallflowKind.DIRECT ? "userId" : "dialUserIds");
        }
        Outbox.record(tx, created);
        tx.commit();
    }

    public Optional<Callflow> get(String accountId, String callflowId) {
        return Optional.ofNullable(table.callflows().getItem(r -> r.key(k(Keys.account(accountId), Keys.callflow(callflowId)))
                .consistentRead(true))).map(CallflowItem::toCallflow);
    }

    /** A page of the account's callflows, in id order (pattern 11). */
    public Page<Callflow> list(String accountId, PageRequest request) {
        return PageQuery.table(table.callflows(), accountId, Keys.CALLFLOW_PREFIX)
                .page(request, CallflowItem::toCallflow, c -> true);
    }

    public List<Callflow> list(String accountId) {
        return table.callflows().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.CALLFLOW_PREFIX)))
                        .consistentRead(true).build())
                .items().stream().map(CallflowItem::toCallflow).toList();
    }

    /** Saves new versions of a callflow read at {@code before.revision()}; links users a new version names. */
    public void saveVersions(Callflow before, Callflow after, Collection<String> newlyLinkedUsers, DomainEvent saved) {
        Transaction tx = new Transaction(table);
        put(tx, before, after);
        for (String userId : newlyLinkedUsers) {
            Links.link(tx, after.accountId(), userId, "dialUserIds");
        }
        Outbox.record(tx, saved);
        tx.commit();
    }

    /** Moves {@code moved}, numbers of {@code source}, to {@code target}, as one transaction. */
    public void reassign(Callflow source, Callflow target, List<String> moved, Callflow sourceAfter,
                         Callflow targetAfter, DomainEvent reassigned) {
        Transaction tx = new Transaction(table);
        put(tx, source, sourceAfter);
        put(tx, target, targetAfter);
        for (String number : moved) {
            route(tx, source.accountId(), number, source.callflowId(), target.callflowId());
        }
        Outbox.record(tx, reassigned);
        tx.commit();
    }

    /** Deletes a callflow read at this revision (callers check it is AVAILABLE). */
    public void delete(Callflow seen, DomainEvent deleted) {
        Transaction tx = new Transaction(table).delete(key(Keys.account(seen.accountId()), Keys.callflow(seen.callflowId())),
                revisionIs(seen), changed());
        Outbox.record(tx, deleted);
        tx.commit();
    }

    /** Takes one number out of its callflow (release, recycle), in the caller's transaction. */
    static void unroute(Transaction tx, Callflow before, String number) {
        List<String> remaining = before.numbers().stream().filter(n -> !n.equals(number)).toList();
        put(tx, before, before.with(remaining, before.versions()));
    }

    private static void put(Transaction tx, Callflow before, Callflow after) {
        Callflow next = new Callflow(after.accountId(), after.callflowId(), after.name(), after.kind(), after.numbers(),
                after.versions(), before.revision() + 1, after.createdAt());
        tx.put(CallflowItem.SCHEMA, CallflowItem.of(next), revisionIs(before), changed());
    }

    private static Cond revisionIs(Callflow seen) {
        return new Cond("#revision = :revision", Map.of("#revision", "revision"), Map.of(":revision", n(seen.revision())));
    }

    private static Refusal changed() {
        return new Refusal.ChangedMeanwhile(Refusal.Subject.CALLFLOW);
    }

    private static void route(Transaction tx, String accountId, String number, String fromCallflow, String toCallflow) {
        // attribute_exists: an update would otherwise create a state-less item for a number the account never had
        String condition = "attribute_exists(#state) AND #state <> :released AND "
                + (fromCallflow == null ? "attribute_not_exists(#callflow)" : "#callflow = :from");
        Map<String, AttributeValue> values = fromCallflow == null
                ? Map.of(":released", s("RELEASED"), ":to", s(toCallflow))
                : Map.of(":released", s("RELEASED"), ":to", s(toCallflow), ":from", s(fromCallflow));
        tx.update(key(Keys.account(accountId), Keys.number(number)), "SET #callflow = :to",
                new Cond(condition, Map.of("#state", "state", "#callflow", "callflowId"), values),
                new Refusal.NumberNotRoutable(number));
    }
}
