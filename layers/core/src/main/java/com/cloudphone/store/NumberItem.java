package com.cloudphone.store;

import com.cloudphone.model.NumberState;
import com.cloudphone.model.PhoneNumber;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class NumberItem extends KeyedItem {
    static final String TYPE = "Number";
    static final StaticTableSchema<NumberItem> SCHEMA = StaticTableSchema.builder(NumberItem.class)
            .newItemSupplier(NumberItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(NumberItem::getAccountId).setter(NumberItem::setAccountId))
            .addAttribute(String.class, a -> a.name("number").getter(NumberItem::getNumber).setter(NumberItem::setNumber))
            .addAttribute(String.class, a -> a.name("state").getter(NumberItem::getState).setter(NumberItem::setState))
            .addAttribute(String.class, a -> a.name("assigneeUserId").getter(NumberItem::getAssigneeUserId).setter(NumberItem::setAssigneeUserId))
            .addAttribute(String.class, a -> a.name("callflowId").getter(NumberItem::getCallflowId).setter(NumberItem::setCallflowId))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(NumberItem::getUpdatedAt).setter(NumberItem::setUpdatedAt))
            .build();

    private String accountId;
    private String number;
    private String state;
    private String assigneeUserId;
    private String callflowId;
    private String updatedAt;

    public NumberItem() {
    }

    static NumberItem of(PhoneNumber n) {
        NumberItem item = new NumberItem();
        item.setType(TYPE);
        item.setPk(Keys.account(n.accountId()));
        item.setSk(Keys.number(n.number()));
        if (n.assigneeUserId() != null) {
            item.setGsi1pk(Keys.assignee(n.accountId(), n.assigneeUserId()));
            item.setGsi1sk(Keys.number(n.number()));
        }
        item.accountId = n.accountId();
        item.number = n.number();
        item.state = n.state().name();
        item.assigneeUserId = n.assigneeUserId();
        item.callflowId = n.callflowId();
        item.updatedAt = n.updatedAt();
        return item;
    }

    PhoneNumber toNumber() {
        return new PhoneNumber(accountId, number, NumberState.valueOf(state), assigneeUserId, callflowId, updatedAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getNumber() { return number; }
    public void setNumber(String v) { number = v; }
    public String getState() { return state; }
    public void setState(String v) { state = v; }
    public String getAssigneeUserId() { return assigneeUserId; }
    public void setAssigneeUserId(String v) { assigneeUserId = v; }
    public String getCallflowId() { return callflowId; }
    public void setCallflowId(String v) { callflowId = v; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String v) { updatedAt = v; }
}
