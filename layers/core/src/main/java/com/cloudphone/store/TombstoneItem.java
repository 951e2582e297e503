package com.cloudphone.store;

import com.cloudphone.model.Tombstone;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A removed member's tombstone. While not purged it sits in gsi1 under PURGE#PENDING, sorted by purgeAt. */
public final class TombstoneItem extends KeyedItem {
    static final String TYPE = "Tombstone";
    static final StaticTableSchema<TombstoneItem> SCHEMA = StaticTableSchema.builder(TombstoneItem.class)
            .newItemSupplier(TombstoneItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(TombstoneItem::getAccountId).setter(TombstoneItem::setAccountId))
            .addAttribute(String.class, a -> a.name("userId").getter(TombstoneItem::getUserId).setter(TombstoneItem::setUserId))
            .addAttribute(String.class, a -> a.name("removedAt").getter(TombstoneItem::getRemovedAt).setter(TombstoneItem::setRemovedAt))
            .addAttribute(String.class, a -> a.name("purgeAt").getter(TombstoneItem::getPurgeAt).setter(TombstoneItem::setPurgeAt))
            .addAttribute(String.class, a -> a.name("purgedAt").getter(TombstoneItem::getPurgedAt).setter(TombstoneItem::setPurgedAt))
            .addAttribute(String.class, a -> a.name("label").getter(TombstoneItem::getLabel).setter(TombstoneItem::setLabel))
            .build();

    private String accountId;
    private String userId;
    private String removedAt;
    private String purgeAt;
    private String purgedAt;
    private String label;

    public TombstoneItem() {
    }

    static TombstoneItem of(Tombstone t) {
        TombstoneItem item = new TombstoneItem();
        item.setType(TYPE);
        item.setPk(Keys.account(t.accountId()));
        item.setSk(Keys.tombstone(t.userId()));
        if (!t.purged()) {
            item.setGsi1pk(Keys.PURGE_PENDING);
            item.setGsi1sk(t.purgeAt() + "#" + t.accountId() + "#" + t.userId());
        }
        item.accountId = t.accountId();
        item.userId = t.userId();
        item.removedAt = t.removedAt();
        item.purgeAt = t.purgeAt();
        item.purgedAt = t.purgedAt();
        item.label = t.label();
        return item;
    }

    Tombstone toTombstone() {
        return new Tombstone(accountId, userId, removedAt, purgeAt, purgedAt, label);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getRemovedAt() { return removedAt; }
    public void setRemovedAt(String v) { removedAt = v; }
    public String getPurgeAt() { return purgeAt; }
    public void setPurgeAt(String v) { purgeAt = v; }
    public String getPurgedAt() { return purgedAt; }
    public void setPurgedAt(String v) { purgedAt = v; }
    public String getLabel() { return label; }
    public void setLabel(String v) { label = v; }
}
