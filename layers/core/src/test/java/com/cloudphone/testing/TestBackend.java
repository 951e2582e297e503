package com.cloudphone.testing;

import com.cloudphone.Backend;
import com.cloudphone.event.EventSchemas;
import com.cloudphone.event.LocalEventBus;
import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.OutboxStream;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A backend on a fresh table on moto, a local bus and a hand-moved clock; bcrypt at its lowest cost. */
public final class TestBackend {
    private static final KeyPair KEYS = Tokens.generateKeys();
    /** The ids the sample events in events/ carry in their JWT claims. */
    public static final String SAMPLE_ACCOUNT = "a_sample";
    public static final String SAMPLE_ADMIN = "u_sampleadmin";
    public static final String SAMPLE_USER = "u_sampleuser";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    public final LocalEventBus bus = new LocalEventBus();
    public final Backend backend;
    /** Executions the services asked for: name and input JSON. */
    public final java.util.List<String[]> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TestBackend() {
        Tokens tokens = new Tokens(KEYS, "https://cloudphone.test", Duration.ofHours(1), clock);
        backend = new Backend(LocalDynamo.freshTable(), tokens, bus, clock, 4,
                (name, input) -> started.add(new String[] {name, input}));
        // events travel as in AWS: outbox item, the table's stream, the relay, the bus
        OutboxStream stream = new OutboxStream(LocalDynamo.streams(), backend.table);
        bus.deliverBeforeReading(() -> backend.relay.relay(stream.poll()));
        bus.subscribe(EventSchemas::check);
    }

    /** Opens an account with an admin owner who can sign in as {@code username} / {@code password}. */
    public Caller account(Plan plan, boolean paid, String username, String password) {
        var opened = backend.accounts.open("Acme " + username, plan, paid, null, username, password);
        return new Caller(opened.owner().userId(), opened.account().accountId(), "ADMIN");
    }

    /** The account of the sample events: TEAM, with admin {@link #SAMPLE_ADMIN} and user {@link #SAMPLE_USER}. */
    public void seedSampleAccount() {
        String now = clock.instant().toString();
        backend.accountStore.createAccount(new Account(SAMPLE_ACCOUNT, "Sample", Plan.TEAM, true, null, 1, null, now, null),
                member(SAMPLE_ADMIN, Role.ADMIN, "sample-admin", now), login(SAMPLE_ADMIN, "sample-admin"),
                new DomainEvent("AccountOpened", SAMPLE_ACCOUNT, now, Map.of("plan", "TEAM", "paid", true,
                        "ownerUserId", SAMPLE_ADMIN)));
        backend.memberships.addMember(member(SAMPLE_USER, Role.USER, "sample-user", now), login(SAMPLE_USER, "sample-user"),
                new DomainEvent("UserAdded", SAMPLE_ACCOUNT, now, Map.of("userId", SAMPLE_USER, "kind", "INTERNAL",
                        "role", "USER", "addedBy", SAMPLE_ADMIN)));
    }

    /** Every item of the table, to show that a refused request wrote nothing. */
    public Set<Map<String, AttributeValue>> snapshot() {
        return snapshot(backend.table);
    }

    /** Every item of {@code table}, to compare before and after a request that must write nothing. */
    public static Set<Map<String, AttributeValue>> snapshot(com.cloudphone.store.Table table) {
        return new HashSet<>(table.client().scanPaginator(b -> b.tableName(table.name())).items().stream().toList());
    }

    private static Member member(String id, Role role, String username, String now) {
        return new Member(SAMPLE_ACCOUNT, id, UserKind.INTERNAL, role, MemberStatus.ACTIVE, username, null,
                username, null, "Europe/London", null, false, false, now);
    }

    private Login login(String id, String username) {
        return new Login(id, username, null, backend.hasher.hash("Sample-pass-1"), 0, null, null, 0);
    }
}
