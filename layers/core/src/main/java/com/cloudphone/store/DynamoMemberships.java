package com.cloudphone.store;

import com.cloudphone.model.Refused;
import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.AdminCount;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.Transaction.Cond;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link Memberships} on the single table: {@code ACCOUNT#a / USER#u} items, read with the enhanced client. */
public final class DynamoMemberships implements Memberships {
    private final Table table;

    public DynamoMemberships(Table table) {
        this.table = table;
    }

    @Override
    public Optional<Member> member(String accountId, String userId) {
        return Optional.ofNullable(table.members().getItem(r -> r.key(k(Keys.account(accountId), Keys.user(userId)))
                .consistentRead(true))).map(MemberItem::toMember);
    }

    @Override
    public List<Member> members(String accountId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.USER_PREFIX)))
                .consistentRead(true)
                .build();
        return table.members().query(query).items().stream()
                .map(MemberItem::toMember)
                .filter(m -> m.status() != MemberStatus.REMOVED)
                .toList();
    }

    @Override
    public Page<Member> members(String accountId, PageRequest request) {
        return PageQuery.table(table.members(), accountId, Keys.USER_PREFIX)
                .page(request, MemberItem::toMember, m -> m.status() != MemberStatus.REMOVED);
    }

    @Override
    public List<Member> memberships(String userId) {
        return table.members().index(Keys.GSI1)
                .query(QueryEnhancedRequest.builder().queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(Keys.login(userId)).build())).build())
                .stream().flatMap(p -> p.items().stream()).map(MemberItem::toMember).toList();
    }

    @Override
    public long links(String accountId, String userId) {
        MemberItem item = table.members().getItem(r -> r.key(k(Keys.account(accountId), Keys.user(userId))).consistentRead(true));
        return item == null || item.getLinks() == null ? 0 : item.getLinks();
    }

    @Override
    public AdminCount adminCount(String accountId) {
        return AdminCounts.read(table, accountId);
    }

    @Override
    public void addMember(Member member, Login login, DomainEvent added) {
        Transaction tx = new Transaction(table);
        Seats.take(tx, member.accountId());
        addLoginAndMember(tx, member, login);
        AdminCounts.move(tx, null, member, true);
        Outbox.record(tx, added);
        tx.commit();
    }

    /** A new login with its first membership (no seat, no count: the caller's transaction decides those). */
    static void addLoginAndMember(Transaction tx, Member member, Login login) {
        tx.put(LoginItem.SCHEMA, LoginItem.of(login), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.LOGIN));
        if (login.username() != null) {
            Claims.username(tx, login.username(), login.userId());
        }
        if (login.email() != null) {
            Claims.email(tx, login.email(), login.userId());
        }
        tx.put(MemberItem.SCHEMA, MemberItem.of(member), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.MEMBER));
        if (member.extension() != null) {
            Claims.extension(tx, member);
        }
    }

    @Override
    public void addMembership(Member member, DomainEvent added) {
        Transaction tx = new Transaction(table);
        checkLogin(tx, member.userId());
        addMembership(tx, member, added);
        tx.commit();
    }

    private static void checkLogin(Transaction tx, String userId) {
        tx.check(key(Keys.login(userId), Keys.LOGIN_SK), Cond.EXISTS, new Refusal.NotFound(Refusal.Subject.LOGIN));
    }

    private static void addMembership(Transaction tx, Member member, DomainEvent added) {
        Seats.take(tx, member.accountId());
        tx.put(MemberItem.SCHEMA, MemberItem.of(member), Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.MEMBERSHIP));
        if (member.extension() != null) {
            Claims.extension(tx, member);
        }
        AdminCounts.move(tx, null, member, true);
        Outbox.record(tx, added);
    }

    @Override
    public void reviveMembership(Member revived, DomainEvent added) {
        Transaction tx = new Transaction(table);
        reviveMembership(tx, revived, added);
        tx.commit();
    }

    private static void reviveMembership(Transaction tx, Member revived, DomainEvent added) {
        Seats.take(tx, revived.accountId());
        tx.put(MemberItem.SCHEMA, MemberItem.of(revived),
                        new Cond("#status = :removed", Map.of("#status", "status"), Map.of(":removed", s("REMOVED"))),
                        new Refusal.ChangedMeanwhile(Refusal.Subject.MEMBERSHIP))
                .delete(key(Keys.account(revived.accountId()), Keys.tombstone(revived.userId())),
                        new Cond("attribute_exists(#pk) AND attribute_not_exists(#purgedAt)",
                                Map.of("#pk", Keys.PK, "#purgedAt", "purgedAt"), Map.of()),
                        new Refusal.Purged());
        if (revived.extension() != null) {
            Claims.extension(tx, revived);
        }
        AdminCounts.move(tx, null, revived, true); // a removed member counts for nothing
        Outbox.record(tx, added);
    }

    @Override
    public void updateMember(Member before, Member after, DomainEvent event) {
        Transaction tx = new Transaction(table).put(MemberItem.SCHEMA, MemberItem.of(after),
                AdminCounts.unchanged(before), changedMeanwhile());
        AdminCounts.move(tx, before, after, true);
        if (!Objects.equals(before.extension(), after.extension())) {
            if (before.extension() != null) {
                Claims.releaseExtension(tx, before);
            }
            if (after.extension() != null) {
                Claims.extension(tx, after);
            }
        }
        if (!Objects.equals(before.email(), after.email())) {
            moveEmail(tx, before, after);
        }
        if (event != null) {
            Outbox.record(tx, event);
        }
        tx.commit();
    }

    /** The email is the login's: its claim, the login and every other membership show the new one from one commit. */
    private void moveEmail(Transaction tx, Member before, Member after) {
        if (before.email() != null) {
            Claims.releaseEmail(tx, before.email(), before.userId());
        }
        if (after.email() != null) {
            Claims.email(tx, after.email(), after.userId());
        }
        String update = after.email() == null ? "REMOVE #email" : "SET #email = :email";
        Map<String, AttributeValue> values = after.email() == null ? Map.of() : Map.of(":email", s(after.email()));
        Cond exists = new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#email", "email"), values);
        tx.update(key(Keys.login(after.userId()), Keys.LOGIN_SK), update, exists, new Refusal.NotFound(Refusal.Subject.LOGIN));
        for (Member other : memberships(after.userId())) {
            if (!other.accountId().equals(after.accountId()) && other.status() != MemberStatus.REMOVED) {
                tx.update(key(Keys.account(other.accountId()), Keys.user(other.userId())), update, exists,
                        new Refusal.ChangedMeanwhile(Refusal.Subject.MEMBERSHIP));
            }
        }
    }

    private static Refusal changedMeanwhile() {
        return new Refusal.ChangedMeanwhile(Refusal.Subject.MEMBER);
    }

    @Override
    public void removeMember(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
        Transaction tx = new Transaction(table);
        removeMember(tx, member, linksSeen, tombstone, removed, true);
        tx.commit();
    }

    @Override
    public void removeFromClosedAccount(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
        Transaction tx = new Transaction(table);
        removeMember(tx, member, linksSeen, tombstone, removed, false);
        tx.commit();
    }

    private static void removeMember(Transaction tx, Member member, long linksSeen, Tombstone tombstone,
                                     DomainEvent removed, boolean keepAnAdmin) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":removed", s(MemberStatus.REMOVED.name()));
        values.put(":status", s(member.status().name()));
        values.put(":role", s(member.role().name()));
        values.put(":suspended", AttributeValue.fromBool(member.suspended()));
        values.put(":at", s(tombstone.removedAt()));
        String linksCondition;
        if (linksSeen == 0) {
            linksCondition = "attribute_not_exists(#links)";
        } else {
            linksCondition = "#links = :links";
            values.put(":links", n(linksSeen));
        }
        tx.update(key(Keys.account(member.accountId()), Keys.user(member.userId())),
                        "SET #status = :removed, #removedAt = :at",
                        new Cond("#status = :status AND #role = :role AND #suspended = :suspended AND " + linksCondition,
                                Map.of("#status", "status", "#links", "links", "#removedAt", "removedAt",
                                        "#role", "role", "#suspended", "suspended"), values),
                        new Refusal.NewDependency());
        Seats.free(tx, member.accountId());
        tx.put(TombstoneItem.SCHEMA, TombstoneItem.of(tombstone), Cond.NEW_ITEM,
                new Refusal.AlreadyDone(Refusal.Subject.MEMBER));
        if (member.extension() != null) {
            Claims.releaseExtension(tx, member);
        }
        AdminCounts.move(tx, member, null, keepAnAdmin);
        Outbox.record(tx, removed);
    }

    @Override
    public Changes changes() {
        return new TransactionChanges();
    }

    private final class TransactionChanges implements Changes {
        private final Transaction tx = new Transaction(table);
        private boolean loginChecked;

        @Override
        public Changes join(Member member, DomainEvent added) {
            if (!loginChecked) {
                checkLogin(tx, member.userId()); // one check per item and transaction
                loginChecked = true;
            }
            addMembership(tx, member, added);
            return this;
        }

        @Override
        public Changes revive(Member revived, DomainEvent added) {
            reviveMembership(tx, revived, added);
            return this;
        }

        @Override
        public Changes update(Member before, Member after, DomainEvent event) {
            tx.put(MemberItem.SCHEMA, MemberItem.of(after), AdminCounts.unchanged(before), changedMeanwhile());
            AdminCounts.move(tx, before, after, true);
            Outbox.record(tx, event);
            return this;
        }

        @Override
        public Changes remove(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
            removeMember(tx, member, linksSeen, tombstone, removed, true);
            return this;
        }

        @Override
        public void commit() {
            if (tx.size() > Transaction.MAX_ITEMS) {
                throw new Refused(new Refusal.TooManyChanges("roles", Transaction.MAX_ITEMS / 5));
            }
            if (tx.size() > 0) {
                tx.commit();
            }
        }
    }
}
