package com.cloudphone.store;

import static com.cloudphone.store.Directory.k;
import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
     * A page of the account's jobs, newest first, those {@code keep} accepts. No key orders an account's jobs by
     * time (gsi1 does, per user: pattern 15), so this reads them all, as the unpaged list did, and pages in
     * memory; the cursor is the keys of the last job shown and is taken back only inside this account's jobs.
     */
    public Page<Job> page(String accountId, PageRequest request, Predicate<Job> keep) {
        Comparator<JobItem> newestFirst = Comparator.comparing(JobItem::getGsi1sk).reversed();
        List<JobItem> items = table.jobs().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.JOB_PREFIX)))
                        .consistentRead(true).build())
                .items().stream().sorted(newestFirst).toList();
        int from = 0;
        if (request.cursor() != null) {
            Cursor after = Cursor.decode(request.cursor());
            if (!after.onIndex() || !after.pk().equals(Keys.account(accountId)) || !after.sk().startsWith(Keys.JOB_PREFIX)
                    || !after.gsi1pk().startsWith(Keys.jobsOf(accountId, ""))) {
                throw Cursor.refused();
            }
            while (from < items.size() && items.get(from).getGsi1sk().compareTo(after.gsi1sk()) >= 0) {
                from++;
            }
        }
        List<Job> page = new ArrayList<>();
        int lastShown = -1;
        for (int i = from; i < items.size(); i++) {
            Job job = items.get(i).toJob();
            if (!keep.test(job)) {
                continue;
            }
            if (page.size() == request.limit()) {
                return new Page<>(page, Cursor.of(items.get(lastShown), true).encode());
            }
            page.add(job);
            lastShown = i;
        }
        return new Page<>(page, null);
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
