package com.cloudphone.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A claim on a value that must be unique (username, email, extension, phone number): it names its owner. */
public final class UniqueItem extends KeyedItem {
    static final String TYPE = "Unique";
    static final StaticTableSchema<UniqueItem> SCHEMA = StaticTableSchema.builder(UniqueItem.class)
            .newItemSupplier(UniqueItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("owner").getter(UniqueItem::getOwner).setter(UniqueItem::setOwner))
            .build();

    private String owner;

    public UniqueItem() {
    }

    static UniqueItem of(String pk, String sk, String owner) {
        UniqueItem item = new UniqueItem();
        item.setType(TYPE);
        item.setPk(pk);
        item.setSk(sk);
        item.owner = owner;
        return item;
    }

    public String getOwner() { return owner; }
    public void setOwner(String v) { owner = v; }
}
