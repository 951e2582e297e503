package com.cloudphone.store;

import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.DeviceSession;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class DeviceItem extends KeyedItem {
    static final String TYPE = "Device";
    static final StaticTableSchema<DeviceItem> SCHEMA = StaticTableSchema.builder(DeviceItem.class)
            .newItemSupplier(DeviceItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(DeviceItem::getAccountId).setter(DeviceItem::setAccountId))
            .addAttribute(String.class, a -> a.name("userId").getter(DeviceItem::getUserId).setter(DeviceItem::setUserId))
            .addAttribute(String.class, a -> a.name("deviceId").getter(DeviceItem::getDeviceId).setter(DeviceItem::setDeviceId))
            .addAttribute(String.class, a -> a.name("kind").getter(DeviceItem::getKind).setter(DeviceItem::setKind))
            .addAttribute(String.class, a -> a.name("name").getter(DeviceItem::getName).setter(DeviceItem::setName))
            .addAttribute(String.class, a -> a.name("loggedInAt").getter(DeviceItem::getLoggedInAt).setter(DeviceItem::setLoggedInAt))
            .build();

    private String accountId;
    private String userId;
    private String deviceId;
    private String kind;
    private String name;
    private String loggedInAt;

    public DeviceItem() {
    }

    static DeviceItem of(DeviceSession d) {
        DeviceItem item = new DeviceItem();
        item.setType(TYPE);
        item.setPk(Keys.account(d.accountId()));
        item.setSk(Keys.device(d.userId(), d.deviceId()));
        item.accountId = d.accountId();
        item.userId = d.userId();
        item.deviceId = d.deviceId();
        item.kind = d.kind().name();
        item.name = d.name();
        item.loggedInAt = d.loggedInAt();
        return item;
    }

    DeviceSession toDevice() {
        return new DeviceSession(accountId, userId, deviceId, DeviceKind.valueOf(kind), name, loggedInAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String v) { deviceId = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getLoggedInAt() { return loggedInAt; }
    public void setLoggedInAt(String v) { loggedInAt = v; }
}
