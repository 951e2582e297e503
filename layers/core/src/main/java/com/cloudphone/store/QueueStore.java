package com.cloudphone.store;

import static com.cloudphone.store.Directory.k;
import static com.cloudphone.store.Transaction.key;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Queue;
import com.cloudphone.store.Transaction.Cond;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Call queues and their members. */
public final class QueueStore {
    private final Table table;

    public QueueStore(Table table) {
        this.table = table;
    }

    /** Creates a queue; every member must be an active user of the account (and is linked to it). */
    public void create(Queue queue) {
        Transaction tx = new Transaction(table).put(QueueItem.SCHEMA, QueueItem.of(queue), Cond.NEW_ITEM,
                new ApiException(ErrorCode.CONFLICT, "Queue already exists"));
        for (String userId : queue.memberUserIds()) {
            Links.link(tx, queue.accountId(), userId, "memberUserIds");
        }
        tx.commit();
    }

    public Optional<Queue> get(String accountId, String queueId) {
        return Optional.ofNullable(table.queues().getItem(r -> r.key(k(Keys.account(accountId), Keys.queue(queueId)))
                .consistentRead(true))).map(QueueItem::toQueue);
    }

    public List<Queue> list(String accountId) {
        return table.queues().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.QUEUE_PREFIX)))
                        .consistentRead(true).build())
                .items().stream().map(QueueItem::toQueue).toList();
    }

    /** Takes a user out of a queue. Removing someone who is not in it changes nothing (safe to retry). */
    public Queue removeMember(String accountId, String queueId, String userId) {
        try {
            var result = table.client.updateItem(b -> b.tableName(table.name)
                    .key(key(Keys.account(accountId), Keys.queue(queueId)))
                    .updateExpression("DELETE #members :user")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#members", "members", "#pk", Keys.PK))
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromSs(List.of(userId))))
                    .returnValues(ReturnValue.ALL_NEW));
            return QueueItem.SCHEMA.mapToItem(result.attributes()).toQueue();
        } catch (ConditionalCheckFailedException e) {
            throw ApiException.notFound("Queue");
        }
    }
}
