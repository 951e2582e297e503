package com.cloudphone.model;

import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * docs/rules.md rule 8: an offboarding plan handles every blocker of the leaving user, and each of its actions is
 * one the account can carry out. Checked before the job starts, so a plan that cannot finish writes nothing.
 * A plan that resumes an earlier one may name what that run already dealt with.
 */
public final class OffboardingPolicy {
    /** What the policy needs to know of the account, read by the caller. */
    public interface Facts {
        Optional<Callflow> callflow(String callflowId);

        Optional<Member> member(String userId);

        Optional<PhoneNumber> number(String e164);
    }

    private OffboardingPolicy() {
    }

    /** Every problem of {@code plan} for {@code leaving}, whose blockers are {@code blockers}; none when it may run. */
    public static List<FieldProblem> problems(Member leaving, List<Blocker> blockers, OffboardingPlan plan,
                                              OffboardingPlan earlier, Facts facts) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> blockingCallflows = new HashSet<>();
        Set<String> blockingNumbers = new HashSet<>();
        for (Blocker b : blockers) {
            if (b instanceof Blocker.InQueue q && !plan.removeFromAllQueues()) {
                problems.add(new FieldProblem("queues", "the user (extension " + q.extension() + ") is in queue "
                        + q.name() + ": set queues to REMOVE_ALL"));
            } else if (b instanceof Blocker.InCallflow c) {
                blockingCallflows.add(c.callflowId());
                if (plan.callflow(c.callflowId()).isEmpty()) {
                    problems.add(new FieldProblem("callflows", "no action for " + c.kind().toLowerCase(Locale.ROOT)
                            + " callflow " + c.name() + " (" + c.callflowId() + "), versions " + c.versions()));
                }
            } else if (b instanceof Blocker.HoldsNumber n) {
                blockingNumbers.add(n.number());
                if (plan.number(n.number()).isEmpty()) {
                    problems.add(new FieldProblem("numbers", "number " + n.number()
                            + " is still assigned to the user: REASSIGN, RECYCLE or RELEASE it"));
                }
            }
            // logged-in devices are checked by the workflow right before the delete
        }
        for (CallflowAction a : plan.callflows()) {
            boolean resumed = earlier != null && earlier.callflow(a.callflowId()).isPresent();
            callflowProblems(a, blockingCallflows.contains(a.callflowId()), resumed, plan, facts, problems);
        }
        for (NumberAction a : plan.numbers()) {
            boolean resumed = earlier != null && earlier.number(a.number()).isPresent();
            numberProblems(leaving, a, blockingNumbers.contains(a.number()), resumed, plan, facts, problems);
        }
        return problems;
    }

    private static void callflowProblems(CallflowAction a, boolean blocking, boolean resumed, OffboardingPlan plan,
                                         Facts facts, List<FieldProblem> problems) {
        String field = "callflows[" + a.callflowId() + "]";
        Optional<Callflow> callflow = facts.callflow(a.callflowId());
        if (!blocking) {
            if (!resumed) {
                problems.add(new FieldProblem(field, callflow.isEmpty() ? "no such callflow in the account"
                        : "this callflow does not involve the user"));
            }
            return;
        }
        if (a.action() == CallflowActionKind.DROP_FROM_GROUP && callflow.get().kind() != CallflowKind.GROUP) {
            problems.add(new FieldProblem(field, "DROP_FROM_GROUP applies to group callflows; move a direct line's numbers"));
        }
        if (a.action() == CallflowActionKind.MOVE_NUMBERS) {
            String target = a.targetCallflowId();
            if (target == null || target.equals(a.callflowId())) {
                problems.add(new FieldProblem(field + ".targetCallflowId", "must name another callflow"));
            } else if (facts.callflow(target).isEmpty()) {
                problems.add(new FieldProblem(field + ".targetCallflowId", "no such callflow in the account"));
            } else if (plan.callflow(target).map(t -> t.action() == CallflowActionKind.MOVE_NUMBERS).orElse(false)) {
                problems.add(new FieldProblem(field + ".targetCallflowId", "is itself being deleted by this plan"));
            }
        }
    }

    private static void numberProblems(Member leaving, NumberAction a, boolean blocking, boolean resumed,
                                       OffboardingPlan plan, Facts facts, List<FieldProblem> problems) {
        String field = "numbers[" + a.number() + "]";
        if (!blocking) {
            if (!resumed) {
                problems.add(new FieldProblem(field, "this number is not assigned to the user"));
            }
            return;
        }
        if (a.action() == NumberActionKind.REASSIGN) {
            boolean heirOk = a.toUserId() != null && !a.toUserId().equals(leaving.userId())
                    && facts.member(a.toUserId()).map(m -> m.status() == MemberStatus.ACTIVE).orElse(false);
            if (!heirOk) {
                problems.add(new FieldProblem(field + ".toUserId", "must be another active user of the account"));
            }
        }
        if (a.action() == NumberActionKind.RELEASE) {
            String heir = a.contactsHeir();
            Optional<PhoneNumber> heirNumber = heir == null ? Optional.empty() : facts.number(heir);
            boolean heirReleased = plan.number(heir == null ? "" : heir)
                    .map(h -> h.action() == NumberActionKind.RELEASE).orElse(false);
            if (heirNumber.isEmpty() || heir.equals(a.number()) || heirNumber.get().state() == NumberState.RELEASED
                    || heirReleased) {
                problems.add(new FieldProblem(field + ".contactsHeir",
                        "must be another number of the account that stays in service"));
            }
        }
    }
}
