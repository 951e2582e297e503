package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.key;

import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Member;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.Transaction.Cond;
import java.util.List;
import java.util.Map;

/** {@link Purges} on the single table: batch deletes of the erased items, a transaction for the tombstone. */
public final class DynamoPurges implements Purges {
    private final Table table;
    private final Logins logins;

    public DynamoPurges(Table table, Logins logins) {
        this.table = table;
        this.logins = logins;
    }

    @Override
    public int erase(Member member, List<DeviceSession> devices, boolean keepLogin) {
        BatchWriter batch = new BatchWriter(table);
        batch.delete(key(Keys.account(member.accountId()), Keys.user(member.userId())));
        devices.forEach(d -> batch.delete(DeviceStore.keyOf(d)));
        if (!keepLogin) {
            logins.login(member.userId()).ifPresent(login -> {
                batch.delete(key(Keys.login(login.userId()), Keys.LOGIN_SK));
                if (login.username() != null) batch.delete(key(Keys.username(login.username()), Keys.UNIQUE_SK));
                if (login.email() != null) batch.delete(key(Keys.email(login.email()), Keys.UNIQUE_SK));
            });
        }
        return batch.flush();
    }

    @Override
    public boolean markPurged(Tombstone purged, DomainEvent event) {
        Refusal alreadyPurged = new Refusal.AlreadyDone(Refusal.Subject.TOMBSTONE);
        Transaction tx = new Transaction(table).put(TombstoneItem.SCHEMA, TombstoneItem.of(purged),
                new Cond("attribute_exists(#pk) AND attribute_not_exists(#purgedAt)",
                        Map.of("#pk", Keys.PK, "#purgedAt", "purgedAt"), Map.of()), alreadyPurged);
        Outbox.record(tx, event);
        return tx.commitUnless(alreadyPurged);
    }
}
