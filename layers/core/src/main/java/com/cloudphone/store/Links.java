package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.store.Transaction.Cond;
import java.util.Map;

/**
 * Every write that makes something depend on a member (a queue seat, a callflow, a number, a device) bumps the
 * member's {@code links} counter in the same transaction, on condition the member is still in the account (ACTIVE,
 * or INVITED: an admin sets a new user up before they accept). Deleting a
 * member conditions on the counter it read before checking blockers, so no dependency can slip in between.
 */
final class Links {
    private Links() {
    }

    static void link(Transaction tx, String accountId, String userId, String field) {
        tx.update(key(Keys.account(accountId), Keys.user(userId)), "ADD #links :one",
                new Cond("#status IN (:active, :invited)", Map.of("#links", "links", "#status", "status"),
                        Map.of(":one", n(1), ":active", s("ACTIVE"), ":invited", s("INVITED"))),
                new Refusal.NotAMember(field, userId));
    }
}
