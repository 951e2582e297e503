package com.cloudphone.store;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.Account;
import com.cloudphone.model.AdminCount;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.Transaction.Cond;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

/** Accounts, their members and the logins behind them. */
public final class Directory {
    private static final Cond OWNED_BY = new Cond("#owner = :owner", Map.of("#owner", "owner"), Map.of());

    private final Table table;

    public Directory(Table table) {
        this.table = table;
    }

    /** Creates an account with its first member, who takes the first seat. */
    public void createAccount(Account account, Member owner, Login login, DomainEvent opened) {
        Account withOwnerSeat = new Account(account.accountId(), account.name(), account.plan(), account.paid(),
                account.seatLimit(), 1, account.parentAccountId(), account.createdAt(), null);
        Transaction tx = new Transaction(table)
                .put(AccountItem.SCHEMA, AccountItem.of(withOwnerSeat), Cond.NEW_ITEM,
                        new ApiException(ErrorCode.CONFLICT, "Account already exists"));
        addLoginAndMember(tx, owner, login);
        AdminCounts.open(tx, owner);
        Outbox.record(tx, opened);
        tx.commit();
    }

    /**
     * Adds a member with a new login, taking one seat. Seat count, username, email and extension uniqueness are
     * all conditions of one transaction, so concurrent adds cannot overshoot the seat limit; the event billing
     * counts seats from commits with them.
     */
    public void addMember(Member member, Login login, DomainEvent added) {
        Transaction tx = new Transaction(table);
        takeSeat(tx, member.accountId());
        addLoginAndMember(tx, member, login);
        AdminCounts.move(tx, null, member, true);
        Outbox.record(tx, added);
        tx.commit();
    }

    /** Adds an existing login to another account (agency case), taking a seat there. */
    public void addMembership(Member member, DomainEvent added) {
        Transaction tx = new Transaction(table);
        checkLogin(tx, member.userId());
        addMembership(tx, member, added);
        tx.commit();
    }

    private static void checkLogin(Transaction tx, String userId) {
        tx.check(key(Keys.login(userId), Keys.LOGIN_SK), Cond.EXISTS, ApiException.notFound("Login"));
    }

    private static void addMembership(Transaction tx, Member member, DomainEvent added) {
        takeSeat(tx, member.accountId());
        tx.put(MemberItem.SCHEMA, MemberItem.of(member), Cond.NEW_ITEM,
                        new ApiException(ErrorCode.CONFLICT, "Already a member of this account"));
        if (member.extension() != null) {
            claimExtension(tx, member);
        }
        AdminCounts.move(tx, null, member, true);
        Outbox.record(tx, added);
    }

    /**
     * Brings back a membership removed but not yet purged, as {@code revived} (its new role and status): it takes
     * a seat again, claims its extension if it has one, and its pending purge is cancelled (the tombstone goes), all
     * or nothing.
     */
    public void reviveMembership(Member revived, DomainEvent added) {
        Transaction tx = new Transaction(table);
        reviveMembership(tx, revived, added);
        tx.commit();
    }

    private static void reviveMembership(Transaction tx, Member revived, DomainEvent added) {
        takeSeat(tx, revived.accountId());
        tx.put(MemberItem.SCHEMA, MemberItem.of(revived),
                        new Cond("#status = :removed", Map.of("#status", "status"), Map.of(":removed", s("REMOVED"))),
                        new ApiException(ErrorCode.CONFLICT, "The membership changed meanwhile; try again"))
                .delete(key(Keys.account(revived.accountId()), Keys.tombstone(revived.userId())),
                        new Cond("attribute_exists(#pk) AND attribute_not_exists(#purgedAt)",
                                Map.of("#pk", Keys.PK, "#purgedAt", "purgedAt"), Map.of()),
                        new ApiException(ErrorCode.INVALID_STATE, "The user's data in that account was purged"));
        if (revived.extension() != null) {
            claimExtension(tx, revived);
        }
        AdminCounts.move(tx, null, revived, true); // a removed member counts for nothing
        Outbox.record(tx, added);
    }

    /**
     * Changes to several memberships of one login (agency roles), committed as one transaction: all or nothing.
     * Refused as a whole when it would take more items than one transaction holds.
     */
    public final class MembershipChanges {
        private final Transaction tx = new Transaction(table);
        private boolean loginChecked;

        public MembershipChanges join(Member member, DomainEvent added) {
            if (!loginChecked) {
                checkLogin(tx, member.userId()); // one check per item and transaction
                loginChecked = true;
            }
            addMembership(tx, member, added);
            return this;
        }

        public MembershipChanges revive(Member revived, DomainEvent added) {
            reviveMembership(tx, revived, added);
            return this;
        }

        /** A role change: the member item as read, and as it becomes. */
        public MembershipChanges update(Member before, Member after, DomainEvent event) {
            tx.put(MemberItem.SCHEMA, MemberItem.of(after), AdminCounts.unchanged(before), changedMeanwhile());
            AdminCounts.move(tx, before, after, true);
            Outbox.record(tx, event);
            return this;
        }

        public MembershipChanges remove(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
            removeMember(tx, member, linksSeen, tombstone, removed, true);
            return this;
        }

        public void commit() {
            if (tx.size() > Transaction.MAX_ITEMS) {
                throw ApiException.invalid("roles", "changes too many sub-accounts at once; change at most "
                        + Transaction.MAX_ITEMS / 5 + " in one request");
            }
            if (tx.size() > 0) {
                tx.commit();
            }
        }
    }

    public MembershipChanges membershipChanges() {
        return new MembershipChanges();
    }

    /** The sub-accounts of an agency (GSI1 {@code AGENCY#<agencyAccountId>}). */
    public List<Account> subAccounts(String agencyAccountId) {
        return table.accounts().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(
                                Key.builder().partitionValue(Keys.agency(agencyAccountId)).build())).build())
                .stream().flatMap(p -> p.items().stream()).map(AccountItem::toAccount).toList();
    }

    /** The seat rule: used seats go up by one only while below the account's effective cap. */
    private static void takeSeat(Transaction tx, String accountId) {
        tx.update(key(Keys.account(accountId), Keys.ACCOUNT_SK), "SET #used = #used + :one",
                new Cond("attribute_exists(#pk) AND #used < #seats",
                        Map.of("#pk", Keys.PK, "#used", "seatsUsed", "#seats", "seats"), Map.of(":one", n(1))),
                new ApiException(ErrorCode.SEAT_LIMIT_REACHED,
                        "Every seat of the account's plan is taken; upgrade the plan or raise the limit"));
    }

    private void addLoginAndMember(Transaction tx, Member member, Login login) {
        tx.put(LoginItem.SCHEMA, LoginItem.of(login), Cond.NEW_ITEM,
                new ApiException(ErrorCode.CONFLICT, "Login already exists"));
        if (login.username() != null) {
            tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.username(login.username()), Keys.UNIQUE_SK, login.userId()),
                    Cond.NEW_ITEM, taken(ErrorCode.USERNAME_TAKEN, "username", "This username is already in use"));
        }
        if (login.email() != null) {
            tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.email(login.email()), Keys.UNIQUE_SK, login.userId()),
                    Cond.NEW_ITEM, taken(ErrorCode.EMAIL_TAKEN, "email", "This email is already in use"));
        }
        tx.put(MemberItem.SCHEMA, MemberItem.of(member), Cond.NEW_ITEM,
                new ApiException(ErrorCode.CONFLICT, "Member already exists"));
        if (member.extension() != null) {
            claimExtension(tx, member);
        }
    }

    private static void claimExtension(Transaction tx, Member member) {
        tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.account(member.accountId()), Keys.extension(member.extension()),
                        member.userId()), Cond.NEW_ITEM,
                taken(ErrorCode.EXTENSION_TAKEN, "extension", "Extension " + member.extension() + " is already in use"));
    }

    private static ApiException taken(ErrorCode code, String field, String message) {
        return new ApiException(code, message, List.of(new FieldProblem(field, message)));
    }

    /**
     * Saves changed settings of a member. Extension and email claims move in the same transaction as the
     * member item, which must still be the one the caller read (same status).
     */
    /** {@code event} may be null when the change's event is recorded with another write (a password change). */
    public void updateMember(Member before, Member after, DomainEvent event) {
        Transaction tx = new Transaction(table).put(MemberItem.SCHEMA, MemberItem.of(after),
                AdminCounts.unchanged(before), changedMeanwhile());
        AdminCounts.move(tx, before, after, true);
        if (!Objects.equals(before.extension(), after.extension())) {
            if (before.extension() != null) {
                tx.delete(key(Keys.account(before.accountId()), Keys.extension(before.extension())),
                        withOwner(before.userId()), new ApiException(ErrorCode.CONFLICT, "Extension claim moved"));
            }
            if (after.extension() != null) {
                claimExtension(tx, after);
            }
        }
        if (!Objects.equals(before.email(), after.email())) {
            if (before.email() != null) {
                tx.delete(key(Keys.email(before.email()), Keys.UNIQUE_SK), withOwner(before.userId()),
                        new ApiException(ErrorCode.CONFLICT, "Email claim moved"));
            }
            if (after.email() != null) {
                tx.put(UniqueItem.SCHEMA, UniqueItem.of(Keys.email(after.email()), Keys.UNIQUE_SK, after.userId()),
                        Cond.NEW_ITEM, taken(ErrorCode.EMAIL_TAKEN, "email", "This email is already in use"));
            }
            tx.update(key(Keys.login(after.userId()), Keys.LOGIN_SK),
                    after.email() == null ? "REMOVE #email" : "SET #email = :email",
                    after.email() == null
                            ? new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#email", "email"), Map.of())
                            : new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#email", "email"),
                                    Map.of(":email", s(after.email()))),
                    ApiException.notFound("Login"));
            // the email is the login's: every other membership shows the new one from the same commit
            for (Member other : memberships(after.userId())) {
                if (!other.accountId().equals(after.accountId()) && other.status() != MemberStatus.REMOVED) {
                    tx.update(key(Keys.account(other.accountId()), Keys.user(other.userId())),
                            after.email() == null ? "REMOVE #email" : "SET #email = :email",
                            new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#email", "email"),
                                    after.email() == null ? Map.of() : Map.of(":email", s(after.email()))),
                            new ApiException(ErrorCode.CONFLICT, "A membership of this login changed meanwhile"));
                }
            }
        }
        if (event != null) {
            Outbox.record(tx, event);
        }
        tx.commit();
    }

    private static ApiException changedMeanwhile() {
        return new ApiException(ErrorCode.CONFLICT, "The user changed meanwhile; reload and try again");
    }

    private static Cond withOwner(String owner) {
        return new Cond(OWNED_BY.expression(), OWNED_BY.names(), Map.of(":owner", s(owner)));
    }

    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(table.accounts().getItem(r -> r.key(k(Keys.account(accountId), Keys.ACCOUNT_SK))
                .consistentRead(true))).map(AccountItem::toAccount);
    }

    public Optional<Member> member(String accountId, String userId) {
        return Optional.ofNullable(table.members().getItem(r -> r.key(k(Keys.account(accountId), Keys.user(userId)))
                .consistentRead(true))).map(MemberItem::toMember);
    }

    /** Members of an account that are not removed, in id order. */
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

    /** A page of the members of an account that are not removed, in id order (pattern 3). */
    public Page<Member> members(String accountId, PageRequest request) {
        return PageQuery.table(table.members(), accountId, Keys.USER_PREFIX)
                .page(request, MemberItem::toMember, m -> m.status() != MemberStatus.REMOVED);
    }

    /** Every membership of one login, across accounts (GSI1, eventually consistent). */
    public List<Member> memberships(String userId) {
        return table.members().index(Keys.GSI1)
                .query(QueryEnhancedRequest.builder().queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(Keys.login(userId)).build())).build())
                .stream().flatMap(p -> p.items().stream()).map(MemberItem::toMember).toList();
    }

    public Optional<Login> login(String userId) {
        return Optional.ofNullable(table.logins().getItem(r -> r.key(k(Keys.login(userId), Keys.LOGIN_SK))
                .consistentRead(true))).map(LoginItem::toLogin);
    }

    public Optional<Login> loginByUsername(String username) {
        return ownerOf(Keys.username(username)).flatMap(this::login);
    }

    public Optional<Login> loginByEmail(String email) {
        return ownerOf(Keys.email(email)).flatMap(this::login);
    }

    private Optional<String> ownerOf(String claimKey) {
        return Optional.ofNullable(table.uniques().getItem(r -> r.key(k(claimKey, Keys.UNIQUE_SK)).consistentRead(true)))
                .map(UniqueItem::getOwner);
    }

    /**
     * Reserves one password check for a login, counted as a failure until {@link #recordSuccessfulLogin} says
     * otherwise. Refused (empty) while the login is locked or when {@code maxAttempts} checks are already counted,
     * so parallel sign-ins cannot run more checks than the rule allows. Returns the count including this one.
     */
    public java.util.OptionalInt claimSignInAttempt(String userId, String now, int maxAttempts) {
        try {
            var result = table.client.updateItem(b -> b.tableName(table.name)
                    .key(key(Keys.login(userId), Keys.LOGIN_SK))
                    .updateExpression("ADD #failed :one")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#locked) OR #locked <= :now)"
                            + " AND (attribute_not_exists(#failed) OR #failed < :max)")
                    .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#pk", Keys.PK, "#locked", "lockedUntil"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":now", s(now), ":max", n(maxAttempts)))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return java.util.OptionalInt.of(Integer.parseInt(result.attributes().get("failedAttempts").n()));
        } catch (ConditionalCheckFailedException refused) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The last allowed check failed too: the login is locked until {@code lockUntil}, with a fresh count after. */
    public void lockLogin(String userId, String lockUntil) {
        table.client.updateItem(b -> b.tableName(table.name)
                .key(key(Keys.login(userId), Keys.LOGIN_SK))
                .updateExpression("SET #failed = :zero, #locked = :until")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#locked", "lockedUntil", "#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":zero", n(0), ":until", s(lockUntil))));
    }

    public void recordSuccessfulLogin(String userId) {
        table.client.updateItem(b -> b.tableName(table.name)
                .key(key(Keys.login(userId), Keys.LOGIN_SK))
                .updateExpression("SET #failed = :zero REMOVE #locked")
                .expressionAttributeNames(Map.of("#failed", "failedAttempts", "#locked", "lockedUntil"))
                .expressionAttributeValues(Map.of(":zero", n(0))));
    }

    /** Replaces the password hash and bumps the version, so tokens issued before the change stop working. */
    /**
     * Sets a new password and, in the same transaction, stamps {@code notBefore} on every membership of the login,
     * so tokens issued before the change are refused in every account (see {@link Member#accepts}).
     */
    public void changePassword(String userId, String newHash, long notBefore, DomainEvent event) {
        Transaction tx = new Transaction(table).update(key(Keys.login(userId), Keys.LOGIN_SK),
                "SET #hash = :hash, #failed = :zero ADD #version :one REMOVE #locked",
                new Cond("attribute_exists(#pk)", Map.of("#hash", "passwordHash", "#failed", "failedAttempts",
                        "#version", "passwordVersion", "#locked", "lockedUntil", "#pk", Keys.PK),
                        Map.of(":hash", s(newHash), ":zero", n(0), ":one", n(1))),
                ApiException.notFound("Login"));
        for (Member m : memberships(userId)) {
            tx.update(key(Keys.account(m.accountId()), Keys.user(userId)), "SET #notBefore = :notBefore",
                    new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK, "#notBefore", "tokensNotBefore"),
                            Map.of(":notBefore", n(notBefore))),
                    new ApiException(ErrorCode.CONFLICT, "A membership changed meanwhile; try again"));
        }
        Outbox.record(tx, event);
        tx.commit();
    }

    /** Sets the first password of an invited login; the invitation works once (its hash is the condition). */
    public void acceptInvitation(String userId, String invitationHash, String passwordHash) {
        new Transaction(table).update(key(Keys.login(userId), Keys.LOGIN_SK),
                "SET #hash = :hash REMOVE #invitation",
                new Cond("#invitation = :invitation", Map.of("#hash", "passwordHash", "#invitation", "invitationHash"),
                        Map.of(":hash", s(passwordHash), ":invitation", s(invitationHash))),
                new ApiException(ErrorCode.UNAUTHENTICATED, "The invitation is not valid or was already used"))
                .commit();
    }

    /** The member's dependency counter (see {@link Links}); read before checking blockers. */
    public long links(String accountId, String userId) {
        MemberItem item = table.members().getItem(r -> r.key(k(Keys.account(accountId), Keys.user(userId))).consistentRead(true));
        return item == null || item.getLinks() == null ? 0 : item.getLinks();
    }

    /**
     * Removes a member at once: status REMOVED, seat freed, extension released, tombstone with the purge due time.
     * Conditional on the member being unchanged since {@code linksSeen} was read, so nothing started depending on
     * them after their blockers were checked.
     */
    public void removeMember(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
        Transaction tx = new Transaction(table);
        removeMember(tx, member, linksSeen, tombstone, removed, true);
        tx.commit();
    }

    /** {@link #removeMember} for an account's closure, which takes out every member, its last admins too. */
    public void removeFromClosedAccount(Member member, long linksSeen, Tombstone tombstone, DomainEvent removed) {
        Transaction tx = new Transaction(table);
        removeMember(tx, member, linksSeen, tombstone, removed, false);
        tx.commit();
    }

    /** The account's admins who can sign in, and its agency admins (the last one of either cannot go). */
    public AdminCount adminCount(String accountId) {
        return AdminCounts.read(table, accountId);
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
                        new ApiException(ErrorCode.CONFLICT,
                                "The user changed while being deleted (something new depends on them); check again"))
                .update(key(Keys.account(member.accountId()), Keys.ACCOUNT_SK), "SET #used = #used - :one",
                        new Cond("#used > :zero", Map.of("#used", "seatsUsed"), Map.of(":one", n(1), ":zero", n(0))),
                        new ApiException(ErrorCode.CONFLICT, "The account's seat count is inconsistent"))
                .put(TombstoneItem.SCHEMA, TombstoneItem.of(tombstone), Cond.NEW_ITEM,
                        new ApiException(ErrorCode.CONFLICT, "The user was already removed"));
        if (member.extension() != null) {
            tx.delete(key(Keys.account(member.accountId()), Keys.extension(member.extension())),
                    withOwner(member.userId()), new ApiException(ErrorCode.CONFLICT, "Extension claim moved"));
        }
        AdminCounts.move(tx, member, null, keepAnAdmin);
        Outbox.record(tx, removed);
    }

    /**
     * Erases a removed member's personal data: the member item, their device sessions and, unless the login still
     * belongs to another account, the login and its username and email claims. Returns how many items went.
     */
    public int erase(Member member, List<DeviceSession> devices, boolean keepLogin) {
        BatchWriter batch = new BatchWriter(table);
        batch.delete(key(Keys.account(member.accountId()), Keys.user(member.userId())));
        devices.forEach(d -> batch.delete(DeviceStore.keyOf(d)));
        if (!keepLogin) {
            login(member.userId()).ifPresent(login -> {
                batch.delete(key(Keys.login(login.userId()), Keys.LOGIN_SK));
                if (login.username() != null) batch.delete(key(Keys.username(login.username()), Keys.UNIQUE_SK));
                if (login.email() != null) batch.delete(key(Keys.email(login.email()), Keys.UNIQUE_SK));
            });
        }
        return batch.flush();
    }

    /**
     * Marks a tombstone purged (which takes it out of the pending-purge index), with its event, unless another
     * purge (the sweep, a re-run step) marked it first: then nothing is written and the answer is false.
     */
    public boolean markPurged(Tombstone purged, DomainEvent event) {
        ApiException alreadyPurged = new ApiException(ErrorCode.CONFLICT, "Already purged");
        Transaction tx = new Transaction(table).put(TombstoneItem.SCHEMA, TombstoneItem.of(purged),
                new Cond("attribute_exists(#pk) AND attribute_not_exists(#purgedAt)",
                        Map.of("#pk", Keys.PK, "#purgedAt", "purgedAt"), Map.of()), alreadyPurged);
        Outbox.record(tx, event);
        return tx.commitUnless(alreadyPurged);
    }

    /**
     * Applies billing's plan, seat limit and paid flag (PlanChanged, SeatsChanged). Events older than the last one
     * applied are ignored (false), so a late, out-of-order event cannot roll it back; one delivered twice applies
     * the same values twice. {@code announce} makes the event for the account as it will be, which commits with it.
     */
    public boolean applyPlan(String accountId, Plan plan, Integer seatLimit, boolean paid, String eventTime,
                             String eventId, Function<Account, DomainEvent> announce) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":plan", s(plan.name()), ":seats", n(plan.seats(seatLimit)), ":paid", AttributeValue.fromBool(paid)));
        String update = "SET #plan = :plan, #seats = :seats, #paid = :paid, #billingAt = :at";
        if (seatLimit != null) {
            update += ", #limit = :limit";
            values.put(":limit", n(seatLimit));
        } else {
            update += " REMOVE #limit";
        }
        return billingUpdate(accountId, eventTime, eventId, update, Map.of("#plan", "plan", "#seats", "seats", "#paid", "paid",
                "#limit", "seatLimit"), values, a -> announce.apply(new Account(a.accountId(), a.name(), plan, paid,
                seatLimit, a.seatsUsed(), a.parentAccountId(), a.createdAt(), a.closedAt())));
    }

    /**
     * Closes the account for good (billing's AccountClosed; ignored when older than the last event applied) and
     * marks every member with it, so the one member read of each request refuses access. Marking again after a
     * crash halfway is harmless: a redelivered event finishes the job.
     */
    public boolean close(String accountId, String eventTime, String eventId,
                         Function<Account, DomainEvent> announce) {
        boolean applied = billingUpdate(accountId, eventTime, eventId, "SET #closedAt = if_not_exists(#closedAt, :at), #billingAt = :at",
                Map.of("#closedAt", "closedAt"), new HashMap<>(),
                a -> announce.apply(new Account(a.accountId(), a.name(), a.plan(), a.paid(), a.seatLimit(),
                        a.seatsUsed(), a.parentAccountId(), a.createdAt(), a.closed() ? a.closedAt() : eventTime)));
        if (account(accountId).map(Account::closed).orElse(false)) {
            markClosing(accountId, account(accountId).orElseThrow().closedAt());
            QueryEnhancedRequest all = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.USER_PREFIX)))
                    .consistentRead(true).build();
            for (MemberItem m : table.members().query(all).items()) {
                table.client.updateItem(b -> b.tableName(table.name).key(key(m.getPk(), m.getSk()))
                        .updateExpression("SET #closed = :true").conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#closed", "accountClosed", "#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
            }
        }
        return applied;
    }

    /** A closed account whose wind-down has not finished, and when it was closed. */
    public record Closing(String accountId, String closedAt) {
    }

    /** Notes that a closed account's wind-down is to be finished (a redelivery writes the same note again). */
    private void markClosing(String accountId, String closedAt) {
        table.client.putItem(b -> b.tableName(table.name).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.CLOSING),
                Keys.SK, AttributeValue.fromS(Keys.account(accountId)), "accountId", AttributeValue.fromS(accountId),
                "closedAt", AttributeValue.fromS(closedAt))));
    }

    /** The closed accounts whose wind-down has not finished. */
    public List<Closing> closing() {
        List<Closing> out = new ArrayList<>();
        table.client.queryPaginator(b -> b.tableName(table.name).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.CLOSING))).consistentRead(true))
                .items().forEach(i -> out.add(new Closing(i.get("accountId").s(), i.get("closedAt").s())));
        return out;
    }

    /** The wind-down of a closed account is finished: nothing is left to carry on. */
    public void closed(String accountId) {
        table.client.deleteItem(b -> b.tableName(table.name)
                .key(key(Keys.CLOSING, Keys.account(accountId))));
    }

    /**
     * One billing change ({@code update} sets #billingAt to :at too) and its event, in one transaction, on condition that no newer billing event was applied
     * and the seat count is still the one the event reports (a member added meanwhile: read again and retry).
     */
    private boolean billingUpdate(String accountId, String eventTime, String eventId, String update,
                                  Map<String, String> names,
                                  Map<String, AttributeValue> values, Function<Account, DomainEvent> announce) {
        for (int attempt = 0; ; attempt++) {
            Account before = account(accountId).orElseThrow(() -> ApiException.notFound("Account"));
            Map<String, String> allNames = new HashMap<>(names);
            allNames.putAll(Map.of("#pk", Keys.PK, "#billingAt", "billingAt", "#used", "seatsUsed",
                    "#billingEvent", "billingEventId"));
            Map<String, AttributeValue> allValues = new HashMap<>(values);
            allValues.put(":at", s(eventTime));
            allValues.put(":event", s(eventId));
            allValues.put(":used", n(before.seatsUsed()));
            ApiException stale = new ApiException(ErrorCode.CONFLICT, "A newer billing event was applied, or seats moved");
            // an event of the same time applies unless it is the one last applied (a redelivery)
            Transaction tx = new Transaction(table).update(key(Keys.account(accountId), Keys.ACCOUNT_SK),
                    update.replaceFirst("^SET ", "SET #billingEvent = :event, "),
                    new Cond("attribute_exists(#pk) AND (attribute_not_exists(#billingAt) OR #billingAt < :at"
                            + " OR (#billingAt = :at AND (attribute_not_exists(#billingEvent) OR #billingEvent <> :event)))"
                            + " AND #used = :used", allNames, allValues), stale);
            Outbox.record(tx, announce.apply(before));
            if (tx.commitUnless(stale)) {
                return true;
            }
            Account now = account(accountId).orElseThrow();
            if (now.seatsUsed() == before.seatsUsed() || attempt >= 5) {
                return false; // a newer billing event won: this one is stale
            }
        }
    }

    static Key k(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
