package com.cloudphone.workflow;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Refused;
import com.cloudphone.service.AgencyRemovalUndo;
import com.cloudphone.service.CallflowService;
import com.cloudphone.service.DeletionService;
import com.cloudphone.service.NumberService;
import com.cloudphone.service.PurgeService;
import com.cloudphone.service.QueueService;
import com.cloudphone.service.Refusals;
import com.cloudphone.store.JobStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tasks of the ordered-deletion state machine. Each takes the state's input (ids and, for list steps, one
 * plan item), does its part idempotently, records it on the job, and returns what it did. Failures that a retry
 * cannot fix are raised as {@link StepFailed}.
 */
public final class OffboardingSteps {
    private final QueueService queues;
    private final CallflowService callflows;
    private final NumberService numbers;
    private final DeletionService deletion;
    private final PurgeService purge;
    private final AgencyRemovalUndo undo;
    private final JobStore jobs;
    private final Clock clock;

    public OffboardingSteps(QueueService queues, CallflowService callflows, NumberService numbers,
                            DeletionService deletion, PurgeService purge, AgencyRemovalUndo undo, JobStore jobs,
                            Clock clock) {
        this.queues = queues;
        this.callflows = callflows;
        this.numbers = numbers;
        this.deletion = deletion;
        this.purge = purge;
        this.undo = undo;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Step 1: out of every queue. */
    public Map<String, Object> removeFromQueues(Map<String, Object> in) {
        return step(in, "queues", "REMOVE_FROM_QUEUES", JobStatus.RUNNING, () -> {
            if (in.get("queues") != null && !"REMOVE_ALL".equals(in.get("queues"))) {
                return Map.of("outcome", "SKIPPED");
            }
            return Map.of("removedFrom", queues.removeFromAll(text(in, "accountId"), text(in, "userId")), "outcome", "DONE");
        });
    }

    /** Step 2, per callflow: move a direct line's numbers and delete it, or drop the user from a group. */
    public Map<String, Object> callflow(Map<String, Object> in) {
        Map<String, Object> item = Json.object(in, "item");
        String callflowId = text(item, "callflowId");
        return step(in, "callflow:" + callflowId, "CALLFLOWS", JobStatus.RUNNING, () ->
                switch (text(item, "action")) {
                    case "MOVE_NUMBERS" -> callflows.moveNumbersAndDelete(text(in, "accountId"), callflowId,
                            text(item, "targetCallflowId"));
                    case "DROP_FROM_GROUP" -> callflows.dropFromGroup(text(in, "accountId"), callflowId, text(in, "userId"));
                    default -> throw new ApiException(ErrorCode.VALIDATION_FAILED, "Unknown callflow action " + item);
                });
    }

    /** Step 3, per number: reassign, recycle or release it. Each is a no-op when already done. */
    public Map<String, Object> number(Map<String, Object> in) {
        Map<String, Object> item = Json.object(in, "item");
        String accountId = text(in, "accountId");
        String number = text(item, "number");
        return step(in, "number:" + number, "NUMBERS", JobStatus.RUNNING, () -> {
            var result = switch (text(item, "action")) {
                case "REASSIGN" -> numbers.reassignFor(accountId, number, text(in, "userId"), text(item, "toUserId"));
                case "RECYCLE" -> numbers.recycleFor(accountId, number, text(in, "userId"));
                case "RELEASE" -> numbers.release(accountId, number, text(item, "contactsHeir"));
                default -> throw new ApiException(ErrorCode.VALIDATION_FAILED, "Unknown number action " + item);
            };
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("number", number);
            out.put("action", text(item, "action"));
            out.put("state", result.state().name());
            if (result.assigneeUserId() != null) out.put("assigneeUserId", result.assigneeUserId());
            return out;
        });
    }

    /** Step 4 and 5: refuse while any device is logged in, then delete; the answer carries purgeAt for the Wait. */
    public Map<String, Object> deleteUser(Map<String, Object> in) {
        return step(in, "deleteUser", "WAITING_FOR_PURGE", JobStatus.WAITING_FOR_PURGE, () -> {
            var deleted = deletion.deleteIfPresent(text(in, "accountId"), text(in, "userId"));
            return Map.of("userId", deleted.userId(), "removedAt", deleted.removedAt(), "purgeAt", deleted.purgeAt());
        });
    }

    /** Step 6: purge the personal data once due. */
    public Map<String, Object> purgeData(Map<String, Object> in) {
        return step(in, "purge", "DONE", JobStatus.SUCCEEDED,
                () -> purge.purge(text(in, "accountId"), text(in, "userId")));
    }

    /** Agency removal, per account ({@code item}): out of that account, with its own purge window. */
    public Map<String, Object> removeFromAccount(Map<String, Object> in) {
        String accountId = text(in, "item");
        return step(in, "account:" + accountId, "REMOVING_EVERYWHERE", JobStatus.RUNNING, () -> {
            var removed = deletion.removeFromAgencyAccount(accountId, text(in, "userId"));
            return Map.of("accountId", accountId, "removedAt", removed.removedAt(), "purgeAt", removed.purgeAt());
        });
    }

    /** Agency removal, last: every account is done; each purge follows from its tombstone (the sweep). */
    public Map<String, Object> finishAgencyRemoval(Map<String, Object> in) {
        return step(in, "done", "DONE", JobStatus.SUCCEEDED, () -> Map.of("outcome", "REMOVED_FROM_ALL_ACCOUNTS"));
    }

    /**
     * The Catch target: marks the job FAILED with the error. A StepFailed carries our error body in the Lambda
     * error message; anything else is reported as it came. An agency removal is undone first (its "undo" step says
     * where the login is back and where it could not be), so a stopped job leaves the login as it was.
     */
    public Map<String, Object> recordFailure(Map<String, Object> in) {
        Map<String, Object> error = Json.object(in, "error");
        String name = Objects.requireNonNullElse(Json.text(error, "Error"), "States.TaskFailed");
        Map<String, Object> body = errorBody(name, Objects.requireNonNullElse(Json.text(error, "Cause"), ""));
        if (in.get("jobId") != null) {
            String accountId = text(in, "accountId");
            String jobId = text(in, "jobId");
            AgencyRemovalUndo.Outcome undone = undo.undo(accountId, jobId);
            if (!undone.restored().isEmpty() || !undone.notRestored().isEmpty()) {
                jobs.recordStep(accountId, jobId, "undo", Json.write(undone.toStep()), "UNDOING", JobStatus.RUNNING,
                        clock.instant().toString());
                body.put("message", body.get("message") + (undone.notRestored().isEmpty()
                        ? "; the user is back in every account the job had taken them out of"
                        : "; the user could not be put back in " + undone.notRestored().size()
                        + " account(s): see the job's undo step"));
            }
            jobs.fail(accountId, jobId, Json.write(body), clock.instant().toString());
        }
        return Map.of("recorded", true, "code", String.valueOf(body.get("code")));
    }

    /** Lambda wraps a thrown error's message as {"errorMessage": ...}; a StepFailed's message is our error body. */
    private static Map<String, Object> errorBody(String name, String cause) {
        String message = cause;
        String wrapped = Json.text(Json.parseObject(cause), "errorMessage");
        if (wrapped != null) {
            message = wrapped;
        }
        if (StepFailed.ERROR_NAME.equals(name)) {
            Map<String, Object> ours = Json.parseObject(message);
            if (!ours.isEmpty()) {
                return ours;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "STEP_ERROR");
        body.put("message", name + ": " + message);
        body.put("details", List.of());
        return body;
    }

    private Map<String, Object> step(Map<String, Object> in, String key, String current, JobStatus status,
                                     Supplier<Map<String, Object>> work) {
        Map<String, Object> result;
        try {
            result = work.get();
        } catch (ApiException e) {
            throw new StepFailed(e);
        } catch (Refused r) {
            throw new StepFailed(Refusals.meaning(r.refusal()));
        }
        if (in.get("jobId") != null) {
            jobs.recordStep(text(in, "accountId"), text(in, "jobId"), key, Json.write(result), current, status,
                    clock.instant().toString());
        }
        return result;
    }

    private static String text(Map<String, Object> node, String field) {
        Object value = node.get(field);
        if (value == null || value instanceof Map || value instanceof List) {
            throw new StepFailed(new ApiException(ErrorCode.VALIDATION_FAILED, "Task input lacks " + field));
        }
        return value.toString();
    }
}
