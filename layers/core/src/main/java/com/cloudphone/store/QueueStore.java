package com.cloudphone.store;

import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Queue;
import com.cloudphone.model.Refusal;
import com.cloudphone.store.Transaction.Cond;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;

/** Call queues and their members. */
public final class QueueStore {
    private final Table table;

    public QueueStore(Table table) {
        this.table = table;
    }

    /** Creates a queue, with its event; every member must be an active user of the account (and is linked to it). */
    public void create(Queue queue, DomainEvent created) {
        Transaction tx = new Transaction(table).put(QueueItem.SCHEMA, QueueItem.of(queue), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.QUEUE));
        for (String userId : queue.memberUserIds()) {
            Links.link(tx, queue.accountId(), userId, "memberUserIds");
        }
        Outbox.record(tx, created);
        tx.commit();
    }

    /** Deletes a queue of a closed account, with its event; a queue already gone is left alone. */
    public void delete(Queue queue, DomainEvent deleted) {
        Refusal gone = new Refusal.AlreadyDone(Refusal.Subject.QUEUE);
        Transaction tx = new Transaction(table).delete(key(Keys.account(queue.accountId()), Keys.queue(queue.queueId())),
                Cond.EXISTS, gone);
        Outbox.record(tx, deleted);
        tx.commitUnless(gone);
    }

    public Optional<Queue> get(String accountId, String queueId) {
        return Optional.ofNullable(table.queues().getItem(r -> r.key(k(Keys.account(accountId), Keys.queue(queueId)))
                .consistentRead(true))).map(QueueItem::toQueue);
    }

    /** A page of the account's queues, in id order (pattern 11). */
    public Page<Queue> list(String accountId, PageRequest request) {
        return PageQuery.table(table.queues(), accountId, Keys.QUEUE_PREFIX).page(request, QueueItem::toQueue, q -> true);
    }

    public List<Queue> list(String accountId) {
        return table.queues().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.QUEUE_PREFIX)))
                        .consistentRead(true).build())
                .items().stream().map(QueueItem::toQueue).toList();
    }

    /**
     * Takes a user out of a queue, with its event. Someone not in it (any more) is left alone: nothing is
     * written and the answer is false, so a retry neither fails nor announces the removal twice.
     */
    public boolean removeMember(String accountId, String queueId, String userId, DomainEvent removed) {
        Refusal notIn = new Refusal.AlreadyDone(Refusal.Subject.MEMBERSHIP);
        Transaction tx = new Transaction(table).update(key(Keys.account(accountId), Keys.queue(queueId)),
                "DELETE #members :user",
                new Cond("contains(#members, :member)", Map.of("#members", "members"),
                        Map.of(":user", AttributeValue.fromSs(List.of(userId)), ":member", AttributeValue.fromS(userId))),
                notIn);
        Outbox.record(tx, removed);
        return tx.commitUnless(notIn);
    }
}
