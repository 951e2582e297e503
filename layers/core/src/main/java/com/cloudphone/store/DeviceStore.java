package com.cloudphone.store;

import static com.cloudphone.store.Directory.k;
import static com.cloudphone.store.Transaction.key;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.store.Transaction.Cond;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Device sessions: a user logged in on a softphone or desk phone. */
public final class DeviceStore {
    private final Table table;

    public DeviceStore(Table table) {
        this.table = table;
    }

    public void logIn(DeviceSession device) {
        Transaction tx = new Transaction(table).put(DeviceItem.SCHEMA, DeviceItem.of(device), Cond.NEW_ITEM,
                new ApiException(ErrorCode.CONFLICT, "Device session already exists"));
        Links.link(tx, device.accountId(), device.userId(), "userId");
        tx.commit();
    }

    /** Logs a device out; false when it was not logged in. */
    public boolean logOut(String accountId, String userId, String deviceId) {
        var deleted = table.devices().deleteItem(r -> r.key(k(Keys.account(accountId), Keys.device(userId, deviceId))));
        return deleted != null;
    }

    public List<DeviceSession> of(String accountId, String userId) {
        return table.devices().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.devices(userId))))
                        .consistentRead(true).build())
                .items().stream().map(DeviceItem::toDevice).toList();
    }

    static Map<String, AttributeValue> keyOf(DeviceSession d) {
        return key(Keys.account(d.accountId()), Keys.device(d.userId(), d.deviceId()));
    }
}
