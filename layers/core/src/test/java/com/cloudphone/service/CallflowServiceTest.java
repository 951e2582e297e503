package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.service.CallflowService.CallflowView;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallflowServiceTest {
    private final TestBackend t = new TestBackend();
    private final Scenario s = new Scenario(t, Plan.TEAM, true);
    private final CallflowService callflows = t.backend.callflows;

    @Test
    void groupEditsMakeVersionsAndOnlyAvailableOnesCanBeDeleted() {
        UserView a = s.user("1001");
        UserView b = s.user("1002");
        CallflowView group = callflows.create(s.admin, "Sales", CallflowKind.GROUP, List.of(s.number("+14155550001")),
                null, List.of(a.userId(), b.userId()));
        assertEquals("ACTIVE", group.status());
        assertEquals(1, group.versions().size());

        CallflowView edited = callflows.newVersion(s.admin, group.callflowId(), List.of(a.userId()));
        assertEquals(List.of("AVAILABLE", "ACTIVE"), edited.versions().stream().map(CallflowService.VersionView::status).toList());
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> callflows.deleteVersion(s.admin, group.callflowId(), 2)).code());
        CallflowView pruned = callflows.deleteVersion(s.admin, group.callflowId(), 1);
        assertEquals(List.of(2), pruned.versions().stream().map(CallflowService.VersionView::version).toList());
    }

    @Test
    void reassigningMovesEveryNumberAndLeavesTheSourceAvailableToDelete() {
        UserView a = s.user("1001");
        UserView sup = s.user("1009");
        CallflowView direct = callflows.create(s.admin, "Direct 1001", CallflowKind.DIRECT,
                List.of(s.number("+14155550011"), s.number("+14155550012")), a.userId(), List.of());
        CallflowView supervisor = callflows.create(s.admin, "Supervisor", CallflowKind.DIRECT,
                List.of(s.number("+14155550019")), sup.userId(), List.of());

        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> callflows.delete(s.admin, direct.callflowId())).code());
        CallflowView emptied = callflows.reassign(s.admin, direct.callflowId(), supervisor.callflowId());
        assertEquals("AVAILABLE", emptied.status());
        assertEquals(3, callflows.view(s.admin, supervisor.callflowId()).numbers().size());
        assertEquals(supervisor.callflowId(),
                t.backend.numbers.get(s.admin.accountId(), "+14155550011").orElseThrow().callflowId());
        callflows.delete(s.admin, direct.callflowId());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(ApiException.class,
                () -> callflows.view(s.admin, direct.callflowId())).code());
    }

    @Test
    void aNumberIsRoutedByOneCallflowAtMostAndUsersMustBeActive() {
        UserView a = s.user("1001");
        String n = s.number("+14155550021");
        callflows.create(s.admin, "First", CallflowKind.DIRECT, List.of(n), a.userId(), List.of());
        assertEquals(ErrorCode.CONFLICT, assertThrows(ApiException.class, () -> callflows.create(s.admin, "Second",
                CallflowKind.DIRECT, List.of(n), a.userId(), List.of())).code());
        assertEquals(ErrorCode.VALIDATION_FAILED, assertThrows(ApiException.class, () -> callflows.create(s.admin,
                "Ghost", CallflowKind.GROUP, List.of(), null, List.of("u_nobody"))).code());
        assertEquals(1, callflows.list(s.admin, PageRequest.FIRST).items().size());
    }

    @Test
    void aCallflowRoutesOnlyNumbersOfItsOwnAccount() {
        UserView a = s.user("1001");
        Scenario other = new Scenario(t, Plan.TEAM, true);
        String theirs = other.number("+14155550031");
        var before = t.snapshot();
        for (String number : List.of(theirs, "+14155550032")) {
            ApiException refused = assertThrows(ApiException.class, () -> callflows.create(s.admin, "Not ours",
                    CallflowKind.DIRECT, List.of(number), a.userId(), List.of()));
            assertEquals(ErrorCode.CONFLICT, refused.code());
            assertEquals("numbers", ((com.cloudphone.error.FieldProblem) refused.details().get(0)).field());
        }
        assertEquals(before, t.snapshot(), "a refused callflow writes nothing, not even a number item");
        assertEquals(List.of(), t.backend.numberService.list(s.admin, null, PageRequest.FIRST).items());
        assertEquals(1, t.backend.numberService.list(other.admin, null, PageRequest.FIRST).items().size());
    }

    @Test
    void reassigningMoreNumbersThanOneTransactionHoldsMovesThemAll() {
        UserView a = s.user("1001");
        List<String> ids = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            List<String> numbers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                numbers.add(s.number(String.format("+1415556%d%03d", c, i)));
            }
            ids.add(callflows.create(s.admin, "Line " + c, CallflowKind.DIRECT, numbers, a.userId(), List.of()).callflowId());
        }
        callflows.reassign(s.admin, ids.get(0), ids.get(1));
        callflows.reassign(s.admin, ids.get(2), ids.get(1));
        assertEquals(120, callflows.view(s.admin, ids.get(1)).numbers().size());
        CallflowView emptied = callflows.reassign(s.admin, ids.get(1), ids.get(3)); // 120 numbers: over 100 items
        assertEquals("AVAILABLE", emptied.status());
        assertEquals(160, callflows.view(s.admin, ids.get(3)).numbers().size());
        for (String n : List.of("+14155560000", "+14155561039", "+14155562020", "+14155563001")) {
            assertEquals(ids.get(3), t.backend.numbers.get(s.admin.accountId(), n).orElseThrow().callflowId(), n);
        }
    }
}
