package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.Backend;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Plan;
import com.cloudphone.store.Table;
import com.cloudphone.testing.LocalDynamo;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class BillingServiceTest {
    private final TestBackend t = new TestBackend();

    /** Refuses every write but a transaction: a change and its event can then only commit together. */
    private static final class OnlyTransactions implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem").contains(operation)) {
                throw new IllegalStateException("a write outside a transaction: " + operation);
            }
        }
    }

    @Test
    void accountUpdatedCommitsWithThePlanChange() {
        Caller owner = t.account(Plan.SOLO, true, "billing-owner", "Owner-pass-1");
        Table guarded = new Table(LocalDynamo.clientWith(new OnlyTransactions()), t.backend.table.name());
        Backend backend = new Backend(guarded, t.backend.tokens(), t.bus, t.clock, 4, (name, input) -> { });
        t.clock.advance(Duration.ofMinutes(1));

        var result = backend.billing.apply("PlanChanged", Map.of("accountId", owner.accountId(), "plan", "TEAM",
                "seatLimit", 40), t.clock.instant().toString());
        assertEquals("APPLIED", result.get("outcome"));
        List<DomainEvent> updated = t.bus.published().stream().filter(e -> e.type().equals("AccountUpdated")).toList();
        assertEquals(1, updated.size());
        assertEquals("TEAM", updated.get(0).detail().get("plan"));
        assertEquals(40L, ((Number) updated.get(0).detail().get("seats")).longValue());
        assertEquals(1L, ((Number) updated.get(0).detail().get("seatsUsed")).longValue());

        // an older event is stale: nothing changes and nothing is told
        var stale = backend.billing.apply("PlanChanged", Map.of("accountId", owner.accountId(), "plan", "FREE"),
                t.clock.instant().minusSeconds(30).toString());
        assertEquals("STALE", stale.get("outcome"));
        assertEquals(1, t.bus.published().stream().filter(e -> e.type().equals("AccountUpdated")).count());
        assertEquals(Plan.TEAM, t.backend.accountStore.account(owner.accountId()).orElseThrow().plan());
    }
}
