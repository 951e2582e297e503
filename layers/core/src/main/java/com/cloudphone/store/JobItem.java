package com.cloudphone.store;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An offboarding job; gsi1 lists a user's jobs newest last. */
public final class JobItem extends KeyedItem {
    static final String TYPE = "Job";
    static final StaticTableSchema<JobItem> SCHEMA = StaticTableSchema.builder(JobItem.class)
            .newItemSupplier(JobItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(JobItem::getAccountId).setter(JobItem::setAccountId))
            .addAttribute(String.class, a -> a.name("jobId").getter(JobItem::getJobId).setter(JobItem::setJobId))
            .addAttribute(String.class, a -> a.name("userId").getter(JobItem::getUserId).setter(JobItem::setUserId))
            .addAttribute(String.class, a -> a.name("status").getter(JobItem::getStatus).setter(JobItem::setStatus))
            .addAttribute(String.class, a -> a.name("currentStep").getter(JobItem::getCurrentStep).setter(JobItem::setCurrentStep))
            .addAttribute(String.class, a -> a.name("plan").getter(JobItem::getPlan).setter(JobItem::setPlan))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("steps").getter(JobItem::getSteps).setter(JobItem::setSteps))
            .addAttribute(String.class, a -> a.name("error").getter(JobItem::getError).setter(JobItem::setError))
            .addAttribute(String.class, a -> a.name("createdAt").getter(JobItem::getCreatedAt).setter(JobItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(JobItem::getUpdatedAt).setter(JobItem::setUpdatedAt))
            .build();

    private String accountId;
    private String jobId;
    private String userId;
    private String status;
    private String currentStep;
    private String plan;
    private Map<String, String> steps;
    private String error;
    private String createdAt;
    private String updatedAt;

    public JobItem() {
    }

    static JobItem of(Job j) {
        JobItem item = new JobItem();
        item.setType(TYPE);
        item.setPk(Keys.account(j.accountId()));
        item.setSk(Keys.job(j.jobId()));
        item.setGsi1pk(Keys.jobsOf(j.accountId(), j.userId()));
        item.setGsi1sk(j.createdAt() + "#" + j.jobId());
        item.accountId = j.accountId();
        item.jobId = j.jobId();
        item.userId = j.userId();
        item.status = j.status().name();
        item.currentStep = j.currentStep();
        item.plan = j.planJson();
        item.steps = j.stepsJson().isEmpty() ? new HashMap<>() : new HashMap<>(j.stepsJson());
        item.error = j.errorJson();
        item.createdAt = j.createdAt();
        item.updatedAt = j.updatedAt();
        return item;
    }

    Job toJob() {
        return new Job(accountId, jobId, userId, JobStatus.valueOf(status), currentStep, plan, steps, error,
                createdAt, updatedAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getJobId() { return jobId; }
    public void setJobId(String v) { jobId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getCurrentStep() { return currentStep; }
    public void setCurrentStep(String v) { currentStep = v; }
    public String getPlan() { return plan; }
    public void setPlan(String v) { plan = v; }
    public Map<String, String> getSteps() { return steps; }
    public void setSteps(Map<String, String> v) { steps = v; }
    public String getError() { return error; }
    public void setError(String v) { error = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String v) { updatedAt = v; }
}
