package com.cloudphone.store;

import static com.cloudphone.store.Keys.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Offboarding jobs and their progress, written by the workflow's tasks. */
public final class JobStore {
    private final Table table;

    public JobStore(Table table) {
        this.table = table;
    }

    public void create(Job job) {
        table.jobs().putItem(JobItem.of(job));
    }

    public Optional<Job> get(String accountId, String jobId) {
        return Optional.ofNullable(table.jobs().getItem(r -> r.key(k(Keys.account(accountId), Keys.job(jobId)))
                .consistentRead(true))).map(JobItem::toJob);
    }

    /**
     * A page of the account's jobs, newest first, those {@code keep} accepts: one Query, as every other list. A
     * job's id begins with its creation time ({@link com.cloudphone.model.Ids#inTimeOrder}), so its key orders
     * the account's jobs by time.
     */
    public Page<Job> page(String accountId, PageRequest request, Predicate<Job> keep) {
        return PageQuery.table(table.jobs(), accountId, Keys.JOB_PREFIX).newestFirst().page(request, JobItem::toJob, keep);
    }

    /** The user's most recent offboarding job, if any. */
    public Optional<Job> latestFor(String accountId, String userId) {
        return table.jobs().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(Keys.jobsOf(accountId, userId)).build()))
                        .scanIndexForward(false).limit(1).build())
                .stream().flatMap(p -> p.items().stream()).findFirst().map(JobItem::toJob);
    }

    /**
     * Records a step's result (JSON) and where the job now is. A step run again after a crash keeps the result of
     * the run that did the work (the re-run would only report it already done).
     */
    public void recordStep(String accountId, String jobId, String step, String resultJson, String currentStep,
                           JobStatus status, String now) {
        Map<String, String> names = new HashMap<>(Map.of("#steps", "steps", "#step", step, "#current", "currentStep",
                "#status", "status", "#updated", "updatedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":result", s(resultJson), ":step", s(currentStep),
                ":status", s(status.name()), ":now", s(now)));
        table.client.updateItem(b -> b.tableName(table.name).key(key(Keys.account(accountId), Keys.job(jobId)))
                .updateExpression("SET #steps.#step = if_not_exists(#steps.#step, :result), #current = :step,"
                        + " #status = :status, #updated = :now")
                .conditionExpression("attribute_exists(#steps)")
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    public void fail(String accountId, String jobId, String errorJson, String now) {
        table.client.updateItem(b -> b.tableName(table.name).key(key(Keys.account(accountId), Keys.job(jobId)))
                .updateExpression("SET #status = :failed, #error = :error, #updated = :now")
                .conditionExpression("attribute_exists(#status)")
                .expressionAttributeNames(Map.of("#status", "status", "#error", "error", "#updated", "updatedAt"))
                .expressionAttributeValues(Map.of(":failed", s(JobStatus.FAILED.name()), ":error", s(errorJson),
                        ":now", s(now))));
    }
}
