package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.json.Json;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.Member;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.OffboardingPolicy;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.store.JobStore;
import com.cloudphone.store.Memberships;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offboarding in one request: the plan is checked against the user's blockers up front (400 naming whatever it
 * leaves), then the ordered-deletion workflow runs it as a job the caller can poll. Posting the same plan after
 * a failure resumes: what the first run already did counts as done.
 */
public final class OffboardingService {
    private final Memberships memberships;
    private final DeletionService deletion;
    private final CallflowService callflows;
    private final NumberService numbers;
    private final JobStore jobs;
    private final Access access;
    private final WorkflowStarter starter;
    private final Clock clock;

    public OffboardingService(Memberships memberships, DeletionService deletion, CallflowService callflows,
                              NumberService numbers, JobStore jobs, Access access, WorkflowStarter starter, Clock clock) {
        this.memberships = memberships;
        this.deletion = deletion;
        this.callflows = callflows;
        this.numbers = numbers;
        this.jobs = jobs;
        this.access = access;
        this.starter = starter;
        this.clock = clock;
    }

    public record Started(String jobId) {
    }

    public Started start(Caller caller, String userId, OffboardingPlan plan) {
        Member actor = access.admin(caller);
        Member member = memberships.current(caller.accountId(), userId)
                .orElseThrow(() -> ApiException.notFound("User"));
        access.requireMayManage(actor, member);
        deletion.requireMayLeaveAlone(member);
        Optional<Job> previous = jobs.latestFor(caller.accountId(), userId);
        String planJson = Json.write(plan);
        if (previous.isPresent() && previous.get().status() == JobStatus.RUNNING && !stalled(previous.get())) {
            if (previous.get().planJson().equals(planJson)) {
                return new Started(previous.get().jobId());
            }
            throw new ApiException(ErrorCode.JOB_IN_PROGRESS,
                    "Offboarding job " + previous.get().jobId() + " is still running for this user");
        }
        OffboardingPlan earlier = previous.map(j -> read(j.planJson())).orElse(null);
        List<FieldProblem> problems = check(member, plan, earlier);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The plan leaves dependencies of the user unhandled or is not valid", problems);
        }
        String now = clock.instant().toString();
        Job job = new Job(caller.accountId(), Ids.inTimeOrder("job", Instant.parse(now)), userId, JobStatus.RUNNING, "STARTING", planJson,
                Map.of(), null, now, now);
        jobs.create(job);
        starter.start(job.jobId(), Json.write(new ExecutionInput.Offboard(job.jobId(), job.accountId(), job.userId(), plan)));
        return new Started(job.jobId());
    }

    /** delete-user over HTTP: removes at once, then hands the purge (now or in 28 days) to the workflow. */
    public DeletionService.Deleted deleteNow(Caller caller, String userId) {
        DeletionService.Deleted deleted = deletion.delete(caller, userId);
        schedulePurge(caller.accountId(), deleted);
        return deleted;
    }

    /** Starts the purge of a removed member: at once for free accounts, at the end of the window for paid ones. */
    public void schedulePurge(String accountId, DeletionService.Deleted deleted) {
        String userId = deleted.userId();
        ExecutionInput input = new ExecutionInput.PurgeOnly(accountId, userId, deleted.purgeAt());
        // one execution per removal: a user brought back and removed again gets a purge of their own
        starter.start("purge-" + accountId + "-" + userId + "-"
                + Instant.parse(deleted.removedAt()).getEpochSecond(), Json.write(input));
    }

    /**
     * A RUNNING job no step has touched for this long lost its execution (a local stack restarted, an execution
     * stopped by hand): a new run may take over. Retries back off for a few minutes at most.
     */
    static final Duration STALLED_AFTER = Duration.ofMinutes(15);

    private boolean stalled(Job job) {
        return Instant.parse(job.updatedAt()).plus(STALLED_AFTER).isBefore(clock.instant());
    }

    private List<FieldProblem> check(Member member, OffboardingPlan plan, OffboardingPlan earlier) {
        String accountId = member.accountId();
        return OffboardingPolicy.problems(member, deletion.blockersOf(member), plan, earlier, new OffboardingPolicy.Facts() {
            @Override
            public Optional<Callflow> callflow(String callflowId) {
                return callflows.find(accountId, callflowId);
            }

            @Override
            public Optional<Member> member(String userId) {
                return memberships.member(accountId, userId);
            }

            @Override
            public Optional<PhoneNumber> number(String e164) {
                return numbers.find(accountId, e164);
            }
        });
    }

    public record JobView(String jobId, String userId, String status, String currentStep, Object plan,
                          Map<String, Object> steps, Object error, String createdAt, String updatedAt) {
    }

    public JobView job(Caller caller, String jobId) {
        access.admin(caller);
        return view(jobs.get(caller.accountId(), jobId).orElseThrow(() -> ApiException.notFound("Job")));
    }

    /** The caller's account's jobs, newest first; only those with {@code status} when it is not null. */
    public Page<JobView> jobs(Caller caller, JobStatus status, PageRequest request) {
        access.admin(caller);
        return decide(() -> jobs.page(caller.accountId(), request, j -> status == null || j.status() == status))
                .map(OffboardingService::view);
    }

    private static JobView view(Job job) {
        Map<String, Object> steps = new LinkedHashMap<>();
        job.stepsJson().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> steps.put(e.getKey(), tree(e.getValue())));
        return new JobView(job.jobId(), job.userId(), job.status().name(), job.currentStep(), tree(job.planJson()),
                steps, job.errorJson() == null ? null : tree(job.errorJson()), job.createdAt(), job.updatedAt());
    }

    private static Object tree(String json) {
        try {
            return Json.parse(json);
        } catch (IllegalArgumentException e) {
            return json;
        }
    }

    /** A plan as {@link #start} stored it, or null when the stored text is not one. */
    static OffboardingPlan read(String planJson) {
        try {
            Map<String, Object> plan = Json.parseObject(planJson);
            List<OffboardingPlan.CallflowAction> callflows = new ArrayList<>();
            for (Object o : (List<?>) plan.get("callflows")) {
                Map<String, Object> c = cast(o);
                callflows.add(new OffboardingPlan.CallflowAction(Json.text(c, "callflowId"),
                        OffboardingPlan.CallflowActionKind.valueOf(Json.text(c, "action")), Json.text(c, "targetCallflowId")));
            }
            List<OffboardingPlan.NumberAction> numbers = new ArrayList<>();
            for (Object o : (List<?>) plan.get("numbers")) {
                Map<String, Object> n = cast(o);
                numbers.add(new OffboardingPlan.NumberAction(Json.text(n, "number"),
                        OffboardingPlan.NumberActionKind.valueOf(Json.text(n, "action")), Json.text(n, "toUserId"),
                        Json.text(n, "contactsHeir")));
            }
            return new OffboardingPlan(Boolean.TRUE.equals(plan.get("removeFromAllQueues")), callflows, numbers);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
