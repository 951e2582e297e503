package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;

import com.cloudphone.store.Transaction.Cond;
import java.util.Map;

/** The seat rule on the account item, taken and freed in the transaction of the member change (docs/table.md). */
final class Seats {
    private Seats() {
    }

    /** Used seats go up by one only while below the account's effective cap. */
    static void take(Transaction tx, String accountId) {
        tx.update(key(Keys.account(accountId), Keys.ACCOUNT_SK), "SET #used = #used + :one",
                new Cond("attribute_exists(#pk) AND #used < #seats",
                        Map.of("#pk", Keys.PK, "#used", "seatsUsed", "#seats", "seats"), Map.of(":one", n(1))),
                new Refusal.SeatLimitReached());
    }

    static void free(Transaction tx, String accountId) {
        tx.update(key(Keys.account(accountId), Keys.ACCOUNT_SK), "SET #used = #used - :one",
                new Cond("#used > :zero", Map.of("#used", "seatsUsed"), Map.of(":one", n(1), ":zero", n(0))),
                new Refusal.ChangedMeanwhile(Refusal.Subject.SEAT_COUNT));
    }
}
