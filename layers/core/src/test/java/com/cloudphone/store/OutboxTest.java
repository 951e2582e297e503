package com.cloudphone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.testing.LocalDynamo;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class OutboxTest {
    private final TestBackend t = new TestBackend();

    private static NewUser user(String username) {
        return new NewUser(UserKind.INTERNAL, username, null, "Welcome-2026", "Agent " + username, null, null, null, false);
    }

    private List<Map<String, AttributeValue>> outboxItems() {
        return t.snapshot().stream().filter(i -> i.get("pk").s().startsWith(Outbox.PREFIX)).toList();
    }

    @Test
    void anAddedUsersEventIsAnItemOfTheSameTransaction() {
        Caller admin = t.account(Plan.SOLO, true, "owner", "Owner-pass-1");
        t.backend.users.add(admin, user("first"));

        List<Map<String, AttributeValue>> items = outboxItems().stream()
                .filter(i -> i.get("type").s().equals("UserAdded")).toList();
        assertEquals(1, items.size());
        Map<String, AttributeValue> item = items.get(0);
        assertEquals(Outbox.PREFIX + admin.accountId(), item.get("pk").s());
        assertTrue(item.get("sk").s().startsWith("2026-11-24T09:00:00Z#ev_"), item.get("sk").s());
        assertEquals(Long.toString(1795510800L + 7 * 24 * 3600), item.get("expiresAt").n(), "kept a week, then TTL");

        // the seat is gone: the refused add writes neither the user nor an event
        var before = t.snapshot();
        ApiException full = assertThrows(ApiException.class, () -> t.backend.users.add(admin, user("second")));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, full.code());
        assertEquals(before, t.snapshot());
    }

    @Test
    void theStreamDeliversEachEventOnceInTheOrderWritten() {
        Caller admin = t.account(Plan.TEAM, true, "owner", "Owner-pass-1");
        t.backend.users.add(admin, user("one"));
        t.backend.users.add(admin, user("two"));

        assertEquals(List.of("AccountOpened", "UserAdded", "UserAdded"), types());
        assertEquals(List.of("AccountOpened", "UserAdded", "UserAdded"), types(), "a second read brings nothing new");
        List<DomainEvent> events = t.bus.published();
        assertEquals(3, events.stream().map(DomainEvent::eventId).distinct().count());
        assertEquals("one", t.backend.users.get(admin, (String) events.get(1).detail().get("userId")).username());
    }

    private List<String> types() {
        return t.bus.published().stream().map(DomainEvent::type).toList();
    }

    @Test
    void aTableFromBeforeTheOutboxGetsItsStream() {
        var client = LocalDynamo.client();
        String name = "pre-outbox-" + System.nanoTime();
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        new Table(client, name).createIfMissing();
        assertNotNull(client.describeTable(b -> b.tableName(name)).table().latestStreamArn());
    }

    @Test
    void aStepRunAgainAfterItsCommitDoesNotPublishTwice() {
        Scenario s = new Scenario(t, Plan.TEAM, false);
        var user = s.user("1002");
        String number = s.number("+14155550170");
        t.backend.numberService.assign(s.admin, number, user.userId());
        t.backend.numberService.assign(s.admin, number, user.userId()); // a retry: already done, nothing written
        assertEquals(1, t.bus.published().stream().filter(e -> e.type().equals("NumberAssigned")).count());
    }

    @Test
    void aQueueRemovalRetriedIsAnnouncedOnce() {
        t.seedSampleAccount();
        Samples samples = new Samples(t);
        samples.queue(TestBackend.SAMPLE_USER);
        t.backend.queues.removeMember(Samples.ADMIN, Samples.QUEUE, TestBackend.SAMPLE_USER);
        var again = t.backend.queues.removeMember(Samples.ADMIN, Samples.QUEUE, TestBackend.SAMPLE_USER);
        assertTrue(again.members().isEmpty(), again.toString());
        assertEquals(1, t.bus.published().stream().filter(e -> e.type().equals("UserRemovedFromQueue")).count());
    }

    @Test
    void twoPurgesOfOneUserTellBillingOnce() {
        Scenario s = new Scenario(t, Plan.TEAM, false);
        var leaving = s.user("1002");
        t.backend.deletion.delete(s.admin, leaving.userId());
        var tombstone = t.backend.tombstones.get(s.admin.accountId(), leaving.userId()).orElseThrow();
        var purged = new com.cloudphone.model.Tombstone(tombstone.accountId(), tombstone.userId(), tombstone.removedAt(),
                tombstone.purgeAt(), "2026-11-24T09:00:00Z", tombstone.label());
        Map<String, Object> detail = Map.of("userId", leaving.userId(), "callsAnonymised", 0, "loginKept", false);
        DomainEvent event = new DomainEvent("UserPurged", s.admin.accountId(), "2026-11-24T09:00:00Z", detail);
        assertTrue(t.backend.purgeStore.markPurged(purged, event));
        assertTrue(!t.backend.purgeStore.markPurged(purged, new DomainEvent("UserPurged", s.admin.accountId(),
                "2026-11-24T09:00:00Z", detail)), "the sweep and the workflow racing: the second one loses");
        assertEquals(List.of(event.eventId()), t.bus.published().stream().filter(e -> e.type().equals("UserPurged"))
                .map(DomainEvent::eventId).toList());
    }

    @Test
    void otherItemsAreNotEvents() {
        assertTrue(Outbox.read(Map.of("pk", "ACCOUNT#a_1", "sk", "USER#u_1", "type", "x", "eventId", "e")).isEmpty());
    }
}
