package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.AdminCount;
import com.cloudphone.model.Member;
import com.cloudphone.store.Transaction.Cond;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The account's {@link AdminCount}, one small item ({@code ACCOUNT#a / ADMINS}) moved in the transaction of every
 * member change that moves it. A change that would take the account's admins, or its agency admins, from one to
 * none fails its condition here, whatever another request did meanwhile: the rule is never kept by reading first.
 * Its own item, not attributes of the account item, so a change can take a seat and move the count at once.
 */
final class AdminCounts {
    static final String SK = "ADMINS";
    static final String TYPE = "AdminCount";
    private static final String ADMINS = "admins";
    private static final String AGENCY_ADMINS = "agencyAdmins";

    private AdminCounts() {
    }

    static Map<String, AttributeValue> keyOf(String accountId) {
        return key(Keys.account(accountId), SK);
    }

    /** A new account's count: its first member's. */
    static void open(Transaction tx, Member owner) {
        AdminCount count = AdminCount.of(owner);
        Map<String, AttributeValue> item = new HashMap<>(keyOf(owner.accountId()));
        item.put("type", s(TYPE));
        item.put(ADMINS, n(count.admins()));
        item.put(AGENCY_ADMINS, n(count.agencyAdmins()));
        tx.putItem(item, new Refusal.AlreadyExists(Refusal.Subject.ADMIN_COUNT));
    }

    /**
     * Moves the count as {@code before} becomes {@code after} (null for a member who joins or leaves). The caller's
     * write of the member item must be conditional on the fields the count reads (role, status, suspended) being
     * those of {@code before}. {@code keepOne}: refuse a change that leaves no admin (every change but an account's
     * closure, which removes everyone).
     */
    static void move(Transaction tx, Member before, Member after, boolean keepOne) {
        AdminCount change = AdminCount.change(before, after);
        if (change.isZero()) {
            return;
        }
        String accountId = (after != null ? after : before).accountId();
        Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK, "#admins", ADMINS, "#agency", AGENCY_ADMINS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":admins", n(change.admins()), ":agency", n(change.agencyAdmins())));
        StringBuilder condition = new StringBuilder("attribute_exists(#pk)");
        if (keepOne && change.admins() < 0) {
            condition.append(" AND #admins >= :minAdmins");
            values.put(":minAdmins", n(1 - change.admins()));
        }
        if (keepOne && change.agencyAdmins() < 0) {
            condition.append(" AND #agency >= :minAgency");
            values.put(":minAgency", n(1 - change.agencyAdmins()));
        }
        // admins >= agency admins, so a failed condition with agency admins going down is the agency rule
        boolean guarded = keepOne && (change.admins() < 0 || change.agencyAdmins() < 0);
        Refusal refusal = !guarded ? new Refusal.NotFound(Refusal.Subject.ADMIN_COUNT)
                : new Refusal.LastAdmin(change.agencyAdmins() < 0);
        tx.update(keyOf(accountId), "ADD #admins :admins, #agency :agency",
                new Cond(condition.toString(), names, values), refusal);
    }

    /** The count as stored (consistent read); none for an account that has no count. */
    static AdminCount read(Table table, String accountId) {
        Map<String, AttributeValue> item = table.client.getItem(b -> b.tableName(table.name).key(keyOf(accountId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return AdminCount.NONE;
        }
        return new AdminCount(Long.parseLong(item.get(ADMINS).n()), Long.parseLong(item.get(AGENCY_ADMINS).n()));
    }

    /** The condition that the member item still has the role, status and suspension the count was moved from. */
    static Cond unchanged(Member before) {
        return new Cond("attribute_exists(#pk) AND #status = :status AND #role = :role AND #suspended = :suspended",
                Map.of("#pk", Keys.PK, "#status", "status", "#role", "role", "#suspended", "suspended"),
                Map.of(":status", s(before.status().name()), ":role", s(before.role().name()),
                        ":suspended", AttributeValue.fromBool(before.suspended())));
    }
}
