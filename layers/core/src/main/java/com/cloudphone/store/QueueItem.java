package com.cloudphone.store;

import com.cloudphone.model.Queue;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class QueueItem extends KeyedItem {
    static final String TYPE = "Queue";
    static final StaticTableSchema<QueueItem> SCHEMA = StaticTableSchema.builder(QueueItem.class)
            .newItemSupplier(QueueItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(QueueItem::getAccountId).setter(QueueItem::setAccountId))
            .addAttribute(String.class, a -> a.name("queueId").getter(QueueItem::getQueueId).setter(QueueItem::setQueueId))
            .addAttribute(String.class, a -> a.name("name").getter(QueueItem::getName).setter(QueueItem::setName))
            .addAttribute(EnhancedType.setOf(String.class), a -> a.name("members").getter(QueueItem::getMembers).setter(QueueItem::setMembers))
            .addAttribute(String.class, a -> a.name("createdAt").getter(QueueItem::getCreatedAt).setter(QueueItem::setCreatedAt))
            .build();

    private String accountId;
    private String queueId;
    private String name;
    private Set<String> members;
    private String createdAt;

    public QueueItem() {
    }

    static QueueItem of(Queue q) {
        QueueItem item = new QueueItem();
        item.setType(TYPE);
        item.setPk(Keys.account(q.accountId()));
        item.setSk(Keys.queue(q.queueId()));
        item.accountId = q.accountId();
        item.queueId = q.queueId();
        item.name = q.name();
        // DynamoDB has no empty sets: an empty queue stores none
        item.members = q.memberUserIds().isEmpty() ? null : new TreeSet<>(q.memberUserIds());
        item.createdAt = q.createdAt();
        return item;
    }

    Queue toQueue() {
        return new Queue(accountId, queueId, name, members == null ? new ArrayList<>() : new ArrayList<>(new TreeSet<>(members)),
                createdAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getQueueId() { return queueId; }
    public void setQueueId(String v) { queueId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public Set<String> getMembers() { return members; }
    public void setMembers(Set<String> v) { members = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
}
