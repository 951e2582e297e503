package com.cloudphone.store;

import com.cloudphone.model.Call;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class CallItem extends KeyedItem {
    static final String TYPE = "Call";
    static final StaticTableSchema<CallItem> SCHEMA = StaticTableSchema.builder(CallItem.class)
            .newItemSupplier(CallItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(CallItem::getAccountId).setter(CallItem::setAccountId))
            .addAttribute(String.class, a -> a.name("callId").getter(CallItem::getCallId).setter(CallItem::setCallId))
            .addAttribute(String.class, a -> a.name("from").getter(CallItem::getFrom).setter(CallItem::setFrom))
            .addAttribute(String.class, a -> a.name("to").getter(CallItem::getTo).setter(CallItem::setTo))
            .addAttribute(String.class, a -> a.name("userId").getter(CallItem::getUserId).setter(CallItem::setUserId))
            .addAttribute(String.class, a -> a.name("userName").getter(CallItem::getUserName).setter(CallItem::setUserName))
            .addAttribute(String.class, a -> a.name("extension").getter(CallItem::getExtension).setter(CallItem::setExtension))
            .addAttribute(Integer.class, a -> a.name("durationSeconds").getter(CallItem::getDurationSeconds).setter(CallItem::setDurationSeconds))
            .addAttribute(String.class, a -> a.name("startedAt").getter(CallItem::getStartedAt).setter(CallItem::setStartedAt))
            .addAttribute(String.class, a -> a.name("userLabel").getter(CallItem::getUserLabel).setter(CallItem::setUserLabel))
            .build();

    private String accountId;
    private String callId;
    private String from;
    private String to;
    private String userId;
    private String userName;
    private String extension;
    private Integer durationSeconds;
    private String startedAt;
    private String userLabel;

    public CallItem() {
    }

    static CallItem of(Call c) {
        CallItem item = new CallItem();
        item.setType(TYPE);
        item.setPk(Keys.account(c.accountId()));
        item.setSk(Keys.call(c.startedAt(), c.callId()));
        if (c.userId() != null) {
            item.setGsi1pk(Keys.callsOf(c.accountId(), c.userId()));
            item.setGsi1sk(Keys.call(c.startedAt(), c.callId()));
        }
        item.accountId = c.accountId();
        item.callId = c.callId();
        item.from = c.from();
        item.to = c.to();
        item.userId = c.userId();
        item.userName = c.userName();
        item.extension = c.extension();
        item.durationSeconds = c.durationSeconds();
        item.startedAt = c.startedAt();
        item.userLabel = c.userLabel();
        return item;
    }

    Call toCall() {
        return new Call(accountId, callId, from, to, userId, userName, extension,
                durationSeconds == null ? 0 : durationSeconds, startedAt, userLabel);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getCallId() { return callId; }
    public void setCallId(String v) { callId = v; }
    public String getFrom() { return from; }
    public void setFrom(String v) { from = v; }
    public String getTo() { return to; }
    public void setTo(String v) { to = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getUserName() { return userName; }
    public void setUserName(String v) { userName = v; }
    public String getExtension() { return extension; }
    public void setExtension(String v) { extension = v; }
    public Integer getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(Integer v) { durationSeconds = v; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String v) { startedAt = v; }
    public String getUserLabel() { return userLabel; }
    public void setUserLabel(String v) { userLabel = v; }
}
