package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import com.cloudphone.testing.Members;

/** docs/rules.md rule 8, without an engine: the facts of a small account, and plans that do or do not fit them. */
class OffboardingPolicyTest {
    private static final String T = "2026-12-08T00:00:00Z";
    private static final Member JO = member("u_jo", MemberStatus.ACTIVE);
    private static final Member KIM = member("u_kim", MemberStatus.ACTIVE);
    private static final Member IVY = member("u_ivy", MemberStatus.INVITED);
    private static final Callflow DIRECT = callflow("cf_direct", CallflowKind.DIRECT, List.of("+14155550100"), "u_jo", List.of());
    private static final Callflow GROUP = callflow("cf_group", CallflowKind.GROUP, List.of(), null, List.of("u_jo", "u_kim"));
    private static final Callflow MAIN = callflow("cf_main", CallflowKind.GROUP, List.of("+14155550199"), null, List.of("u_kim"));
    private static final List<Blocker> BLOCKERS = List.of(
            Blocker.of(new Queue("a", "q_sales", "Sales", List.of("u_jo"), T), "1002"),
            Blocker.of(DIRECT, "u_jo"), Blocker.of(GROUP, "u_jo"), Blocker.ofNumber("+14155550101"));
    private static final OffboardingPolicy.Facts FACTS = new OffboardingPolicy.Facts() {
        private final Map<String, Callflow> callflows = Map.of("cf_direct", DIRECT, "cf_group", GROUP, "cf_main", MAIN);
        private final Map<String, Member> members = Map.of("u_jo", JO, "u_kim", KIM, "u_ivy", IVY);
        private final Map<String, PhoneNumber> numbers = Map.of(
                "+14155550101", OffboardingPolicyTest.number("+14155550101", NumberState.ASSIGNED),
                "+14155550102", OffboardingPolicyTest.number("+14155550102", NumberState.AVAILABLE),
                "+14155550103", OffboardingPolicyTest.number("+14155550103", NumberState.RELEASED));

        @Override
        public Optional<Callflow> callflow(String id) {
            return Optional.ofNullable(callflows.get(id));
        }

        @Override
        public Optional<Member> member(String id) {
            return Optional.ofNullable(members.get(id));
        }

        @Override
        public Optional<PhoneNumber> number(String e164) {
            return Optional.ofNullable(numbers.get(e164));
        }
    };

    @Test
    void aPlanThatHandlesEveryBlockerHasNoProblems() {
        assertEquals(List.of(), problems(complete(new NumberAction("+14155550101", NumberActionKind.REASSIGN, "u_kim", null))));
        assertEquals(List.of(), problems(complete(new NumberAction("+14155550101", NumberActionKind.RECYCLE, null, null))));
        assertEquals(List.of(), problems(complete(new NumberAction("+14155550101", NumberActionKind.RELEASE, null, "+14155550102"))));
    }

    @Test
    void everyBlockerLeftUnhandledIsNamed() {
        List<FieldProblem> problems = problems(new OffboardingPlan(false, List.of(), List.of()));
        assertEquals(List.of("queues", "callflows", "callflows", "numbers"), problems.stream().map(FieldProblem::field).toList());
        assertEquals("the user (extension 1002) is in queue Sales: set queues to REMOVE_ALL", problems.get(0).message());
        assertEquals("no action for direct callflow cf_direct (cf_direct), versions [1]", problems.get(1).message());
    }

    @Test
    void aDirectLineIsNotDroppedFromAndNumbersMoveToAnotherCallflowThatStays() {
        assertEquals(List.of(new FieldProblem("callflows[cf_direct]",
                "DROP_FROM_GROUP applies to group callflows; move a direct line's numbers")), problems(plan(
                new CallflowAction("cf_direct", CallflowActionKind.DROP_FROM_GROUP, null))));
        assertEquals(List.of(new FieldProblem("callflows[cf_direct].targetCallflowId", "must name another callflow")),
                problems(plan(new CallflowAction("cf_direct", CallflowActionKind.MOVE_NUMBERS, "cf_direct"))));
        assertEquals(List.of(new FieldProblem("callflows[cf_direct].targetCallflowId", "no such callflow in the account")),
                problems(plan(new CallflowAction("cf_direct", CallflowActionKind.MOVE_NUMBERS, "cf_gone"))));
    }

    @Test
    void aNumberGoesToAnotherActiveUserOrLeavesItsContactsToANumberThatStaysInService() {
        assertEquals(List.of("numbers[+14155550101].toUserId"), fields(complete(
                new NumberAction("+14155550101", NumberActionKind.REASSIGN, "u_jo", null))));
        assertEquals(List.of("numbers[+14155550101].toUserId"), fields(complete(
                new NumberAction("+14155550101", NumberActionKind.REASSIGN, "u_ivy", null))));
        assertEquals(List.of("numbers[+14155550101].contactsHeir"), fields(complete(
                new NumberAction("+14155550101", NumberActionKind.RELEASE, null, "+14155550103"))));
        assertEquals(List.of("numbers[+14155550101].contactsHeir"), fields(complete(
                new NumberAction("+14155550101", NumberActionKind.RELEASE, null, "+14155550101"))));
    }

    @Test
    void entriesForWhatNoLongerBlocksAreRefusedUnlessTheyResumeAnEarlierPlan() {
        NumberAction done = new NumberAction("+14155550102", NumberActionKind.RECYCLE, null, null);
        OffboardingPlan plan = new OffboardingPlan(true, List.of(new CallflowAction("cf_direct",
                CallflowActionKind.MOVE_NUMBERS, "cf_main"), new CallflowAction("cf_group", CallflowActionKind.DROP_FROM_GROUP,
                null)), List.of(new NumberAction("+14155550101", NumberActionKind.RECYCLE, null, null), done));
        assertEquals(List.of(new FieldProblem("numbers[+14155550102]", "this number is not assigned to the user")),
                OffboardingPolicy.problems(JO, BLOCKERS, plan, null, FACTS));
        OffboardingPlan earlier = new OffboardingPlan(true, List.of(), List.of(done));
        assertEquals(List.of(), OffboardingPolicy.problems(JO, BLOCKERS, plan, earlier, FACTS));
    }

    private static OffboardingPlan complete(NumberAction number) {
        return new OffboardingPlan(true, List.of(new CallflowAction("cf_direct", CallflowActionKind.MOVE_NUMBERS, "cf_main"),
                new CallflowAction("cf_group", CallflowActionKind.DROP_FROM_GROUP, null)), List.of(number));
    }

    /** A complete plan but for one callflow action of the direct line. */
    private static OffboardingPlan plan(CallflowAction direct) {
        return new OffboardingPlan(true, List.of(direct, new CallflowAction("cf_group", CallflowActionKind.DROP_FROM_GROUP,
                null)), List.of(new NumberAction("+14155550101", NumberActionKind.RECYCLE, null, null)));
    }

    private static List<FieldProblem> problems(OffboardingPlan plan) {
        return OffboardingPolicy.problems(JO, BLOCKERS, plan, null, FACTS);
    }

    private static List<String> fields(OffboardingPlan plan) {
        return problems(plan).stream().map(FieldProblem::field).toList();
    }

    private static Member member(String id, MemberStatus status) {
        return Members.status(Members.member("a", id), status);
    }

    private static Callflow callflow(String id, CallflowKind kind, List<String> numbers, String userId, List<String> dial) {
        return new Callflow("a", id, id, kind, numbers, List.of(new CallflowVersion(1, CallflowStatus.ACTIVE, userId, dial, T)), 1, T);
    }

    private static PhoneNumber number(String e164, NumberState state) {
        return new PhoneNumber("a", e164, state, state == NumberState.ASSIGNED ? "u_jo" : null, null, T);
    }
}
