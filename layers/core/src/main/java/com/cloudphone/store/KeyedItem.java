package com.cloudphone.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** Key attributes every item of the single table carries. Subclasses add their own attributes. */
abstract class KeyedItem {
    private String pk;
    private String sk;
    private String type;
    private String gsi1pk;
    private String gsi1sk;

    static final StaticTableSchema<KeyedItem> KEYS = StaticTableSchema.builder(KeyedItem.class)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(KeyedItem::getPk).setter(KeyedItem::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(KeyedItem::getSk).setter(KeyedItem::setSk)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(KeyedItem::getType).setter(KeyedItem::setType))
            .addAttribute(String.class, a -> a.name(Keys.GSI1_PK).getter(KeyedItem::getGsi1pk)
                    .setter(KeyedItem::setGsi1pk).tags(secondaryPartitionKey(Keys.GSI1)))
            .addAttribute(String.class, a -> a.name(Keys.GSI1_SK).getter(KeyedItem::getGsi1sk)
                    .setter(KeyedItem::setGsi1sk).tags(secondarySortKey(Keys.GSI1)))
            .build();

    KeyedItem() {
    }

    KeyedItem(String type, String pk, String sk) {
        this.type = type;
        this.pk = pk;
        this.sk = sk;
    }

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getGsi1pk() { return gsi1pk; }
    public void setGsi1pk(String gsi1pk) { this.gsi1pk = gsi1pk; }
    public String getGsi1sk() { return gsi1sk; }
    public void setGsi1sk(String gsi1sk) { this.gsi1sk = gsi1sk; }
}
