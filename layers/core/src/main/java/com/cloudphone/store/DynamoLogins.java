package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.store.Transaction.Cond;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link Logins} on the single table: the {@code LOGIN#} item and the username and email claims. */
public final class DynamoLogins implements Logins {
    private final Table table;
    private final Memberships memberships;

    public DynamoLogins(Table table, Memberships memberships) {
        this.table = table;
        this.memberships = memberships;
    }

    @Override
    public Optional<Login> login(String userId) {
        return Optional.ofNullable(table.logins().getItem(r -> r.key(k(Keys.login(userId), Keys.LOGIN_SK))
                .consistentRead(true))).map(LoginItem::toLogin);
    }

    @Override
    public Optional<Login> loginByUsername(String username) {
        return ownerOf(Keys.username(username)).flatMap(this::login);
    }

    @Override
    public Optional<Login> loginByEmail(String email) {
        return ownerOf(Keys.email(email)).flatMap(this::login);
    }

    private Optional<String> ownerOf(String claimKey) {
        return Optional.ofNullable(table.uniques().getItem(r -> r.key(k(claimKey, Keys.UNIQUE_SK)).consistentRead(true)))
                .map(UniqueItem::getOwner);
    }

    @Override
    public OptionalInt claimSignInAttempt(String userId, String now, int maxAttempts) {
        try {
            var result = table.client.updateItem(b -> b.tableName(table.name)
                    .key(key(Keys.login(userId), Keys.LOGIN_SK))
                    .updateExpression("ADD #failed :one")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#locked) OR #locked <= :now)"
                            + " AND (attribute_not_exists(#failed) OR #failed < :max)")
                    .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#pk", Keys.PK, "#locked", "lockedUntil"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":now", s(now), ":max", n(maxAttempts)))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return OptionalInt.of(Integer.parseInt(result.attributes().get("failedAttempts").n()));
        } catch (ConditionalCheckFailedException refused) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void lockLogin(String userId, String lockUntil) {
        table.client.updateItem(b -> b.tableName(table.name)
                .key(key(Keys.login(userId), Keys.LOGIN_SK))
                .updateExpression("SET #failed = :zero, #locked = :until")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#locked", "lockedUntil", "#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":zero", n(0), ":until", s(lockUntil))));
    }

    @Override
    public void recordSuccessfulLogin(String userId) {
        table.client.updateItem(b -> b.tableName(table.name)
                .key(key(Keys.login(userId), Keys.LOGIN_SK))
                .updateExpression("SET #failed = :zero REMOVE #locked")
                .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#locked", "lockedUntil"))
                .expressionAttributeValues(Map.of(":zero", n(0))));
    }

    @Override
    public void replaceInvitation(String userId, String invitationHash, Instant expiresAt, DomainEvent sent) {
        Transaction tx = new Transaction(table).update(key(Keys.login(userId), Keys.LOGIN_SK),
                "SET #invitation = :invitation, #expires = :expires",
                new Cond("attribute_exists(#pk) AND attribute_not_exists(#hash)", Map.of("#pk", Keys.PK,
                        "#hash", "passwordHash", "#invitation", "invitationHash", "#expires", "invitationExpiresAt"),
                        Map.of(":invitation", s(invitationHash), ":expires", s(expiresAt.toString()))),
                new Refusal.AlreadyDone(Refusal.Subject.LOGIN));
        Outbox.record(tx, sent);
        tx.commit();
    }

    @Override
    public void changePassword(String userId, String newHash, long notBefore, DomainEvent event) {
        Transaction tx = new Transaction(table).update(key(Keys.login(userId), Keys.LOGIN_SK),
                "SET #hash = :hash, #failed = :zero ADD #version :one REMOVE #locked",
                new Cond("attribute_exists(#pk)", Map.of("#hash", "passwordHash", "#failed", "failedAttempts",
                        "#version", "passwordVersion", "#locked", "lockedUntil", "#pk", Keys.PK),
                        Map.of(":hash", s(newHash), ":zero", n(0), ":one", n(1))),
                new Refusal.NotFound(Refusal.Subject.LOGIN));
        for (Member m : memberships.memberships(userId)) {
            tx.update(key(Keys.account(m.accountId()), Keys.user(userId)), "SET #notBefore = :notBefore",
                    new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#notBefore", "tokensNotBefore"),
                            Map.of(":notBefore", n(notBefore))),
                    new Refusal.ChangedMeanwhile(Refusal.Subject.MEMBERSHIP));
        }
        Outbox.record(tx, event);
        tx.commit();
    }

    @Override
    public void acceptInvitation(String userId, String invitationHash, String passwordHash,
                                 Map<Member, DomainEvent> invited) {
        Transaction tx = new Transaction(table).update(key(Keys.login(userId), Keys.LOGIN_SK),
                "SET #hash = :hash REMOVE #invitation, #expires",
                new Cond("#invitation = :invitation", Map.of("#hash", "passwordHash", "#invitation", "invitationHash",
                        "#expires", "invitationExpiresAt"),
                        Map.of(":hash", s(passwordHash), ":invitation", s(invitationHash))),
                new Refusal.InvitationNotValid());
        invited.forEach((member, accepted) -> {
            Member active = member.withStatus(MemberStatus.ACTIVE);
            tx.put(MemberItem.SCHEMA, MemberItem.of(active), AdminCounts.unchanged(member),
                    new Refusal.ChangedMeanwhile(Refusal.Subject.MEMBER));
            AdminCounts.move(tx, member, active, true);
            Outbox.record(tx, accepted);
        });
        tx.commit();
    }
}
