package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.Member;
import com.cloudphone.store.Transaction.Cond;
import java.util.Map;

/**
 * Unique claims (username, email, extension): an item whose key is the claimed value, put only when absent and let
 * go only by its owner, in the transaction of the change that needs it (docs/table.md, invariants).
 */
final class Claims {
    private static final Cond OWNED_BY = new Cond("#owner = :owner", Map.of("#owner", "owner"), Map.of());

    private Claims() {
    }

    static void username(Transaction tx, String username, String userId) {
        tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.username(username), Keys.UNIQUE_SK, userId),
                Cond.NEW_ITEM, new Refusal.ClaimTaken(Refusal.Claim.USERNAME, username));
    }

    static void email(Transaction tx, String email, String userId) {
        tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.email(email), Keys.UNIQUE_SK, userId),
                Cond.NEW_ITEM, new Refusal.ClaimTaken(Refusal.Claim.EMAIL, email));
    }

    static void releaseEmail(Transaction tx, String email, String userId) {
        tx.delete(key(Keys.email(email), Keys.UNIQUE_SK), ownedBy(userId),
                new Refusal.ChangedMeanwhile(Refusal.Subject.EMAIL_CLAIM));
    }

    static void extension(Transaction tx, Member member) {
        tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.account(member.accountId()), Keys.extension(member.extension()),
                        member.userId()), Cond.NEW_ITEM,
                new Refusal.ClaimTaken(Refusal.Claim.EXTENSION, member.extension()));
    }

    static void releaseExtension(Transaction tx, Member member) {
        tx.delete(key(Keys.account(member.accountId()), Keys.extension(member.extension())),
                ownedBy(member.userId()), new Refusal.ChangedMeanwhile(Refusal.Subject.EXTENSION_CLAIM));
    }

    private static Cond ownedBy(String owner) {
        return new Cond(OWNED_BY.expression(), OWNED_BY.names(), Map.of(":owner", s(owner)));
    }
}
