package com.cloudphone.store;

import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Refusal;
import com.cloudphone.store.Transaction.Cond;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;

/** Device sessions: a user logged in on a softphone or desk phone. */
public final class DeviceStore {
    private final Table table;

    public DeviceStore(Table table) {
        this.table = table;
    }

    public void logIn(DeviceSession device, DomainEvent loggedIn) {
        Transaction tx = new Transaction(table).put(DeviceItem.SCHEMA, DeviceItem.of(device), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.DEVICE_SESSION));
        Links.link(tx, device.accountId(), device.userId(), "userId");
        Outbox.record(tx, loggedIn);
        tx.commit();
    }

    /** Logs a device out, with its event; false (and nothing written) when it was not logged in. */
    public boolean logOut(String accountId, String userId, String deviceId, DomainEvent loggedOut) {
        Refusal notLoggedIn = new Refusal.NotFound(Refusal.Subject.DEVICE_SESSION);
        Transaction tx = new Transaction(table).delete(Transaction.key(Keys.account(accountId), Keys.device(userId, deviceId)),
                Cond.EXISTS, notLoggedIn);
        Outbox.record(tx, loggedOut);
        return tx.commitUnless(notLoggedIn);
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
