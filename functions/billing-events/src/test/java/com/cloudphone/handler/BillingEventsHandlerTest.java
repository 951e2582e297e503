package com.cloudphone.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.testing.TestBackend;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingEventsHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Caller admin = new Caller(TestBackend.SAMPLE_ADMIN, TestBackend.SAMPLE_ACCOUNT, "ADMIN");
    private BillingEventsHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new BillingEventsHandler(t.backend);
    }

    private int seats() {
        return t.backend.accountStore.account(TestBackend.SAMPLE_ACCOUNT).orElseThrow().seats();
    }

    @Test
    void planAndSeatChangesApplyInTimeOrder() {
        var planChanged = EventLoader.loadScheduledEvent("billing-plan-changed.json");
        assertEquals("APPLIED", handler.handleRequest(planChanged, null).get("outcome"));
        assertEquals(40, seats());
        assertEquals("AccountUpdated", t.bus.published().get(t.bus.published().size() - 1).type());

        assertEquals("APPLIED", handler.handleRequest(EventLoader.loadScheduledEvent("billing-seats-changed.json"), null)
                .get("outcome"));
        assertEquals(60, seats());
        // the older plan event arriving late changes nothing
        assertEquals("STALE", handler.handleRequest(planChanged, null).get("outcome"));
        assertEquals(60, seats());
    }

    @Test
    void aDowngradeStopsNewUsersButKeepsTheOnesThere() {
        var downgrade = EventLoader.loadScheduledEvent("billing-plan-changed.json");
        downgrade.setDetail(new HashMap<>(Map.of("accountId", TestBackend.SAMPLE_ACCOUNT, "plan", "SOLO", "paid", true)));
        assertEquals("APPLIED", handler.handleRequest(downgrade, null).get("outcome"));
        assertEquals(Plan.SOLO, t.backend.accountStore.account(TestBackend.SAMPLE_ACCOUNT).orElseThrow().plan());
        assertEquals(2, t.backend.users.list(admin, PageRequest.FIRST).items().size());
        ApiException full = assertThrows(ApiException.class, () -> t.backend.users.add(admin, new NewUser(
                UserKind.INTERNAL, "third-user", null, "Welcome-2026", "Third", null, null, null, false)));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, full.code());
    }

    @Test
    void aClosedAccountLocksEveryoneOut() {
        assertEquals("APPLIED", handler.handleRequest(EventLoader.loadScheduledEvent("billing-account-closed.json"), null)
                .get("outcome"));
        assertEquals(ErrorCode.UNAUTHENTICATED, assertThrows(ApiException.class, () -> t.backend.users.list(admin, PageRequest.FIRST).items()).code());
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.sessions.signIn("sample-admin", "Sample-pass-1", null)).code());
    }

    @Test
    void eventsThatCanNeverApplyAreDroppedNotRetried() {
        var noAccount = EventLoader.loadScheduledEvent("billing-plan-changed.json");
        noAccount.setDetail(new HashMap<>(Map.of("plan", "TEAM")));
        assertEquals("DROPPED", handler.handleRequest(noAccount, null).get("outcome"));
        var unknown = EventLoader.loadScheduledEvent("billing-account-closed.json");
        unknown.setDetail(new HashMap<>(Map.of("accountId", "a_unknown")));
        Map<String, Object> dropped = handler.handleRequest(unknown, null);
        assertEquals("NOT_FOUND", dropped.get("code"));
        var soloLimit = EventLoader.loadScheduledEvent("billing-plan-changed.json");
        soloLimit.setDetail(new HashMap<>(Map.of("accountId", TestBackend.SAMPLE_ACCOUNT, "plan", "SOLO", "seatLimit", 9)));
        assertEquals("DROPPED", handler.handleRequest(soloLimit, null).get("outcome"));
        assertEquals(25, seats());
        assertTrue(t.bus.published().stream().noneMatch(e -> e.type().equals("AccountUpdated")));
    }
}
