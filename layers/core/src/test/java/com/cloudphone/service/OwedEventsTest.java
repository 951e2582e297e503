package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TableState;
import com.cloudphone.testing.TestBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The invariants test's reading of which events a change owes, on changes whose middle is invisible in the
 * table: only the state before and after one step is seen.
 */
class OwedEventsTest {
    private final TestBackend t = new TestBackend();
    private final Scenario s = new Scenario(t, Plan.TEAM, true);

    @Test
    void aNumberMovedToAnotherCallflowAndRecycledInTheSameOffboardingOwesTheReassignment() {
        UserView amy = s.user("1001");
        UserView bob = s.user("1002");
        String number = s.number("+14155550001");
        t.backend.numberService.assign(s.admin, number, amy.userId());
        String direct = t.backend.callflows.create(s.admin, "Amy", CallflowKind.DIRECT, List.of(number), amy.userId(),
                List.of()).callflowId();
        String target = t.backend.callflows.create(s.admin, "Bob", CallflowKind.DIRECT, List.of(), bob.userId(),
                List.of()).callflowId();
        String jobId = t.backend.offboarding.start(s.admin, amy.userId(), new OffboardingPlan(true,
                List.of(new OffboardingPlan.CallflowAction(direct, OffboardingPlan.CallflowActionKind.MOVE_NUMBERS, target)),
                List.of(new OffboardingPlan.NumberAction(number, OffboardingPlan.NumberActionKind.RECYCLE, null, null))))
                .jobId();
        TableState before = TableState.read(t.backend.table);

        Map<String, Object> in = new HashMap<>(Map.of("jobId", jobId, "accountId", s.admin.accountId(), "userId", amy.userId()));
        t.backend.steps.callflow(with(in, Map.of("callflowId", direct, "action", "MOVE_NUMBERS", "targetCallflowId", target)));
        t.backend.steps.number(with(in, Map.of("number", number, "action", "RECYCLE")));
        TableState after = TableState.read(t.backend.table);

        // the number went to Bob's line and then out of it: the table shows only that it left Amy's
        assertEquals(TableState.writtenEvents(before, after), TableState.owedEvents(before, after));
        assertEquals(1, TableState.owedEvents(before, after).get("CallflowReassigned " + s.admin.accountId() + "/" + direct));
    }

    private static Map<String, Object> with(Map<String, Object> in, Map<String, Object> item) {
        Map<String, Object> m = new HashMap<>(in);
        m.put("item", item);
        return m;
    }
}
