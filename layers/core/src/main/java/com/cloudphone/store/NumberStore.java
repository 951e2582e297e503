package com.cloudphone.store;

import com.cloudphone.model.Callflow;
import com.cloudphone.model.Contact;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.model.Refusal;
import com.cloudphone.store.Transaction.Cond;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.s;

/** Phone numbers of accounts and the contacts that travel with them. */
public final class NumberStore {
    private final Table table;

    public NumberStore(Table table) {
        this.table = table;
    }

    /** Adds a number to an account; a global claim keeps any number owned by one account at most. */
    public void add(PhoneNumber number, DomainEvent added) {
        Transaction tx = new Transaction(table)
                .put(UniqueItem.SCHEMA, UniqueItem.of(Keys.numberClaim(number.number()), Keys.UNIQUE_SK, number.accountId()),
                        Cond.NEW_ITEM, new Refusal.ClaimTaken(Refusal.Claim.NUMBER, number.number()))
                .put(NumberItem.SCHEMA, NumberItem.of(number), Cond.NEW_ITEM,
                        new Refusal.AlreadyExists(Refusal.Subject.NUMBER));
        Outbox.record(tx, added);
        tx.commit();
    }

    public Optional<PhoneNumber> get(String accountId, String number) {
        return Optional.ofNullable(table.numbers().getItem(r -> r.key(k(Keys.account(accountId), Keys.number(number)))
                .consistentRead(true))).map(NumberItem::toNumber);
    }

    public List<PhoneNumber> list(String accountId) {
        return table.numbers().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.NUMBER_PREFIX)))
                        .consistentRead(true).build())
                .items().stream().map(NumberItem::toNumber).toList();
    }

    /** A page of the account's numbers in number order, those {@code keep} accepts (pattern 7). */
    public Page<PhoneNumber> list(String accountId, PageRequest request, Predicate<PhoneNumber> keep) {
        return PageQuery.table(table.numbers(), accountId, Keys.NUMBER_PREFIX).page(request, NumberItem::toNumber, keep);
    }

    /** A page of the numbers ASSIGNED to one user (GSI1, pattern 8), those {@code keep} accepts. */
    public Page<PhoneNumber> assignedTo(String accountId, String userId, PageRequest request, Predicate<PhoneNumber> keep) {
        return PageQuery.index(table.numbers(), accountId, Keys.assignee(accountId, userId)).page(request,
                NumberItem::toNumber, n -> n.state() == NumberState.ASSIGNED && userId.equals(n.assigneeUserId())
                        && keep.test(n));
    }

    /** Numbers ASSIGNED to one user (GSI1). */
    public List<PhoneNumber> assignedTo(String accountId, String userId) {
        return table.numbers().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(
                                Key.builder().partitionValue(Keys.assignee(accountId, userId)).build())).build())
                .stream().flatMap(p -> p.items().stream()).map(NumberItem::toNumber)
                .filter(n -> n.state() == NumberState.ASSIGNED && userId.equals(n.assigneeUserId()))
                .toList();
    }

    /**
     * Moves a number from the state the caller saw to ASSIGNED to {@code updated.assigneeUserId()}, provided the
     * new assignee is still an active member. If anything changed since it was read, nothing is written.
     */
    public void assign(PhoneNumber seen, PhoneNumber updated, DomainEvent assigned) {
        Transaction tx = new Transaction(table);
        Links.link(tx, updated.accountId(), updated.assigneeUserId(), "userId");
        tx.put(NumberItem.SCHEMA, NumberItem.of(updated), unchangedSince(seen),
                new Refusal.ChangedMeanwhile(Refusal.Subject.NUMBER));
        Outbox.record(tx, assigned);
        tx.commit();
    }

    /**
     * Returns a number to AVAILABLE in the account (deactivation): no assignee and out of its callflow, if any.
     * {@code routing} is the callflow that routed it, as read.
     */
    public void recycle(PhoneNumber seen, PhoneNumber recycled, Callflow routing, DomainEvent event) {
        Transaction tx = new Transaction(table);
        tx.put(NumberItem.SCHEMA, NumberItem.of(recycled), unchangedSince(seen),
                new Refusal.ChangedMeanwhile(Refusal.Subject.NUMBER));
        if (routing != null) {
            CallflowStore.unroute(tx, routing, seen.number());
        }
        Outbox.record(tx, event);
        tx.commit();
    }

    /**
     * Releases a number for good: marked RELEASED, unassigned and unrouted, on condition it is unchanged and the heir
     * is still in service; then its contacts move to {@code heir}, 25 per batch, keeping their ids. Releasing a
     * number already RELEASED only moves what a crash left behind. The global claim stays: a released number is
     * never reclaimed. {@code event} commits with the release (not again on a re-run). Returns how many contacts
     * moved.
     */
    public int release(PhoneNumber seen, PhoneNumber released, String heir, Callflow routing, DomainEvent event) {
        if (seen.state() != NumberState.RELEASED) {
            Transaction tx = new Transaction(table)
                    .check(key(Keys.account(seen.accountId()), Keys.number(heir)),
                            new Cond("#state <> :released", Map.of("#state", "state"), Map.of(":released", s("RELEASED"))),
                            new Refusal.NumberOutOfService("contactsHeir"))
                    .put(NumberItem.SCHEMA, NumberItem.of(released), unchangedSince(seen),
                            new Refusal.ChangedMeanwhile(Refusal.Subject.NUMBER));
            if (routing != null) {
                CallflowStore.unroute(tx, routing, seen.number());
            }
            Outbox.record(tx, event);
            tx.commit();
        }
        BatchWriter batch = new BatchWriter(table);
        List<Contact> moving = contacts(seen.accountId(), seen.number());
        for (Contact c : moving) {
            Contact moved = new Contact(c.accountId(), heir, c.contactId(), c.name(), c.phone(), c.createdAt());
            batch.put(ContactItem.SCHEMA.itemToMap(ContactItem.of(moved), true));
            batch.delete(key(Keys.account(c.accountId()), Keys.contact(c.number(), c.contactId())));
        }
        batch.flush();
        return moving.size();
    }

    /**
     * A closed account's number: RELEASED (unassigned, unrouted) with its event if it was in service, and its
     * contacts, the leads' personal data, deleted. Safe to run again: what a crash left is finished.
     */
    public int retire(PhoneNumber seen, PhoneNumber retired, DomainEvent event) {
        if (seen.state() != NumberState.RELEASED) {
            Transaction tx = new Transaction(table).put(NumberItem.SCHEMA, NumberItem.of(retired), unchangedSince(seen),
                    new Refusal.ChangedMeanwhile(Refusal.Subject.NUMBER));
            Outbox.record(tx, event);
            tx.commit();
        }
        BatchWriter batch = new BatchWriter(table);
        List<Contact> contacts = contacts(seen.accountId(), seen.number());
        contacts.forEach(c -> batch.delete(key(Keys.account(c.accountId()), Keys.contact(c.number(), c.contactId()))));
        batch.flush();
        return contacts.size();
    }

    private static Cond unchangedSince(PhoneNumber seen) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(seen.state().name()));
        String expected = "#state = :state";
        if (seen.assigneeUserId() != null) {
            expected += " AND #assignee = :assignee";
            values.put(":assignee", s(seen.assigneeUserId()));
        } else {
            expected += " AND attribute_not_exists(#assignee)";
        }
        return new Cond(expected, Map.of("#state", "state", "#assignee", "assigneeUserId"), values);
    }

    /** Adds a contact to a number that is still in service, with its event. */
    public void addContact(Contact contact, DomainEvent added) {
        Transaction tx = new Transaction(table)
                .check(key(Keys.account(contact.accountId()), Keys.number(contact.number())),
                        new Cond("#state <> :released", Map.of("#state", "state"), Map.of(":released", s("RELEASED"))),
                        new Refusal.NumberOutOfService(null))
                .put(ContactItem.SCHEMA, ContactItem.of(contact), Cond.NEW_ITEM,
                        new Refusal.AlreadyExists(Refusal.Subject.CONTACT));
        Outbox.record(tx, added);
        tx.commit();
    }

    public List<Contact> contacts(String accountId, String number) {
        return table.contacts().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.contacts(number))))
                        .consistentRead(true).build())
                .items().stream().map(ContactItem::toContact).toList();
    }
}
