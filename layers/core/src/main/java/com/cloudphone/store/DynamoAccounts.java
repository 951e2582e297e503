package com.cloudphone.store;

import com.cloudphone.model.Refused;
import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.Plan;
import com.cloudphone.store.Transaction.Cond;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link Accounts} on the single table: the {@code ACCOUNT#a / ACCOUNT} item, read with the enhanced client. */
public final class DynamoAccounts implements Accounts {
    private final Table table;
    private final ClosingNotes closings;

    public DynamoAccounts(Table table) {
        this.table = table;
        this.closings = new ClosingNotes(table);
    }

    @Override
    public void createAccount(Account account, Member owner, Login login, DomainEvent opened) {
        Account withOwnerSeat = account.withSeatsUsed(1).withClosedAt(null);
        Transaction tx = new Transaction(table)
                .put(AccountItem.SCHEMA, AccountItem.of(withOwnerSeat), Cond.NEW_ITEM,
                        new Refusal.AlreadyExists(Refusal.Subject.ACCOUNT));
        DynamoMemberships.addLoginAndMember(tx, owner, login);
        AdminCounts.open(tx, owner);
        Outbox.record(tx, opened);
        tx.commit();
    }

    @Override
    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(table.accounts().getItem(r -> r.key(k(Keys.account(accountId), Keys.ACCOUNT_SK))
                .consistentRead(true))).map(AccountItem::toAccount);
    }

    @Override
    public List<Account> subAccounts(String agencyAccountId) {
        return table.accounts().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(
                                Key.builder().partitionValue(Keys.agency(agencyAccountId)).build())).build())
                .stream().flatMap(p -> p.items().stream()).map(AccountItem::toAccount).toList();
    }

    @Override
    public boolean applyPlan(String accountId, Plan plan, Integer seatLimit, boolean paid, String eventTime,
                             String eventId, Function<Account, DomainEvent> announce) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":plan", s(plan.name()), ":seats", n(plan.seats(seatLimit)), ":paid", AttributeValue.fromBool(paid)));
        String update = "SET #plan = :plan, #seats = :seats, #paid = :paid, #billingAt = :at";
        if (seatLimit != null) {
            update += ", #limit = :limit";
            values.put(":limit", n(seatLimit));
        } else {
            update += " REMOVE #limit";
        }
        return billingUpdate(accountId, eventTime, eventId, update, Map.of("#plan", "plan", "#seats", "seats", "#paid", "paid",
                "#limit", "seatLimit"), values, a -> announce.apply(a.withPlan(plan, seatLimit, paid)));
    }

    @Override
    public boolean close(String accountId, String eventTime, String eventId,
                         Function<Account, DomainEvent> announce) {
        boolean applied = billingUpdate(accountId, eventTime, eventId, "SET #closedAt = if_not_exists(#closedAt, :at), #billingAt = :at",
                Map.of("#closedAt", "closedAt"), new HashMap<>(),
                a -> announce.apply(a.closed() ? a : a.withClosedAt(eventTime)));
        Optional<Account> now = account(accountId);
        if (now.map(Account::closed).orElse(false)) {
            closings.begin(accountId, now.get().closedAt());
        }
        return applied;
    }

    @Override
    public List<Closing> closing() {
        return closings.all();
    }

    @Override
    public void closed(String accountId) {
        closings.finished(accountId);
    }

    /**
     * One billing change ({@code update} sets #billingAt to :at too) and its event, in one transaction, on condition
     * that no newer billing event was applied and the seat count is still the one the event reports (a member added
     * meanwhile: read again and retry).
     */
    private boolean billingUpdate(String accountId, String eventTime, String eventId, String update,
                                  Map<String, String> names,
                                  Map<String, AttributeValue> values, Function<Account, DomainEvent> announce) {
        for (int attempt = 0; ; attempt++) {
            Account before = account(accountId).orElseThrow(() -> new Refused(new Refusal.NotFound(Refusal.Subject.ACCOUNT)));
            Map<String, String> allNames = new HashMap<>(names);
            allNames.putAll(Map.of("#pk", Keys.PK, "#billingAt", "billingAt", "#used", "seatsUsed",
                    "#billingEvent", "billingEventId"));
            Map<String, AttributeValue> allValues = new HashMap<>(values);
            allValues.put(":at", s(eventTime));
            allValues.put(":event", s(eventId));
            allValues.put(":used", n(before.seatsUsed()));
            Refusal stale = new Refusal.StaleBillingEvent();
            // an event of the same time applies unless it is the one last applied (a redelivery)
            Transaction tx = new Transaction(table).update(key(Keys.account(accountId), Keys.ACCOUNT_SK),
                    update.replaceFirst("^SET ", "SET #billingEvent = :event, "),
                    new Cond("attribute_exists(#pk) AND (attribute_not_exists(#billingAt) OR #billingAt < :at"
                            + " OR (#billingAt = :at AND (attribute_not_exists(#billingEvent) OR #billingEvent <> :event)))"
                            + " AND #used = :used", allNames, allValues), stale);
            Outbox.record(tx, announce.apply(before));
            if (tx.commitUnless(stale)) {
                return true;
            }
            Account now = account(accountId).orElseThrow();
            if (now.seatsUsed() == before.seatsUsed() || attempt >= 5) {
                return false; // a newer billing event won: this one is stale
            }
        }
    }
}
