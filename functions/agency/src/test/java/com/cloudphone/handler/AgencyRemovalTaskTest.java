package com.cloudphone.handler;

import static com.cloudphone.handler.AgencyWorld.AGENCY;
import static com.cloudphone.handler.AgencyWorld.MOVER;
import static com.cloudphone.handler.AgencyWorld.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.model.JobStatus;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.service.Caller;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgencyRemovalTaskTest {
    private final TestBackend t = new TestBackend();
    private final AgencyRemovalTask task = new AgencyRemovalTask(t.backend);
    private String jobId;

    @BeforeEach
    void startRemoval() {
        AgencyWorld.seed(t);
        jobId = t.backend.agency.removeEverywhere(new Caller(AgencyWorld.AGENCY_ADMIN, AGENCY, "AGENCY_ADMIN"), MOVER)
                .jobId();
    }

    @Test
    void removesFromOneAccountThenFinishesTheJob() {
        Map<String, Object> removed = task.handleRequest(Samples.task("task-agency-remove-account.json", jobId), null);
        assertEquals(SUB, removed.get("accountId"));
        assertEquals(MemberStatus.REMOVED, t.backend.memberships.member(SUB, MOVER).orElseThrow().status());
        assertEquals(JobStatus.RUNNING, t.backend.jobs.get(AGENCY, jobId).orElseThrow().status());

        // a retry after the commit finds it done and answers the same
        var before = t.snapshot();
        assertEquals(removed, task.handleRequest(Samples.task("task-agency-remove-account.json", jobId), null));
        assertEquals(before, t.snapshot());

        task.handleRequest(Samples.task("task-agency-finish.json", jobId), null);
        var job = t.backend.jobs.get(AGENCY, jobId).orElseThrow();
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals(2, job.stepsJson().size(), job.stepsJson().toString());
        assertEquals(1, t.bus.published().stream().filter(e -> e.type().equals("UserRemoved")).count());
    }
}
