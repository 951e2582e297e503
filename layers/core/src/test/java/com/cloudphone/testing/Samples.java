package com.cloudphone.testing;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.CallflowStatus;
import com.cloudphone.model.CallflowVersion;
import com.cloudphone.model.Change;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Queue;
import com.cloudphone.service.Caller;
import com.cloudphone.service.UserPatch;
import com.cloudphone.workflow.StepFailed;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items the sample events in events/ name by id, created straight in the stores so their ids are the
 * samples' own (services would mint random ones), plus helpers to load and adjust the samples.
 *
 * <p>The sample world of offboard-user.json: u_sampleuser is in queue {@link #QUEUE}, is the direct line
 * {@link #DIRECT} (routes +14155550100), is dialled by the group {@link #GROUP} (routes +14155550101) and has
 * +14155550103, +14155550104 and +14155550105 assigned; {@link #MAIN} is u_sampleadmin's direct line and routes
 * +14155550102, the contacts heir of the released number.
 */
public final class Samples {
    public static final String QUEUE = "q_samplesupport";
    public static final String DIRECT = "cf_sampledirect";
    public static final String GROUP = "cf_samplegroup";
    public static final String MAIN = "cf_samplemain";
    public static final String DEVICE = "d_samplesoftphone";
    /** The job id the task samples carry; tests replace it with the id of the job they started. */
    public static final String JOB = "job_sample";
    public static final String DIRECT_NUMBER = "+14155550100";
    public static final String GROUP_NUMBER = "+14155550101";
    public static final String MAIN_NUMBER = "+14155550102";
    public static final String REASSIGNED = "+14155550103";
    public static final String RELEASED = "+14155550104";
    public static final String RECYCLED = "+14155550105";

    public static final Caller ADMIN = new Caller(SAMPLE_ADMIN, SAMPLE_ACCOUNT, "ADMIN");
    public static final Caller USER = new Caller(SAMPLE_USER, SAMPLE_ACCOUNT, "USER");

    private final TestBackend t;

    public Samples(TestBackend t) {
        this.t = t;
    }

    private String now() {
        return t.clock.instant().toString();
    }

    /** Gives a sample member an extension (the seed leaves them without). */
    public void extension(String userId, String extension) {
        t.backend.users.patch(ADMIN, userId, UserPatch.NONE.withExtension(Change.to(extension)));
    }

    public String number(String e164) {
        t.backend.numberService.add(ADMIN, e164);
        return e164;
    }

    public String assigned(String e164, String userId) {
        number(e164);
        t.backend.numberService.assign(ADMIN, e164, userId);
        return e164;
    }

    public void contact(String e164, String name, String phone) {
        t.backend.numberService.addContact(ADMIN, e164, name, phone);
    }

    /** Queue {@link #QUEUE}, "Support", with these members. */
    public Queue queue(String... memberUserIds) {
        Queue queue = new Queue(SAMPLE_ACCOUNT, QUEUE, "Support", List.of(memberUserIds), now());
        t.backend.queueStore.create(queue, new com.cloudphone.model.DomainEvent("QueueCreated", SAMPLE_ACCOUNT, now(),
                java.util.Map.of("queueId", QUEUE, "members", memberUserIds.length)));
        return queue;
    }

    /** A direct line to {@code userId} routing {@code numbers} (added to the account first). */
    public Callflow direct(String callflowId, String name, String userId, String... numbers) {
        Arrays.stream(numbers).forEach(this::number);
        Callflow callflow = new Callflow(SAMPLE_ACCOUNT, callflowId, name, CallflowKind.DIRECT, List.of(numbers),
                List.of(new CallflowVersion(1, CallflowStatus.ACTIVE, userId, List.of(), now())), 0, now());
        t.backend.callflowStore.create(callflow, List.of(userId), seeded(callflow));
        return callflow;
    }

    /** A group routing {@code numbers} (added to the account first) that dials {@code dial}. */
    public Callflow group(String callflowId, String name, List<String> numbers, String... dial) {
        numbers.forEach(this::number);
        Callflow callflow = new Callflow(SAMPLE_ACCOUNT, callflowId, name, CallflowKind.GROUP, numbers,
                List.of(new CallflowVersion(1, CallflowStatus.ACTIVE, null, List.of(dial), now())), 0, now());
        t.backend.callflowStore.create(callflow, List.of(dial), seeded(callflow));
        return callflow;
    }

    private com.cloudphone.model.DomainEvent seeded(Callflow callflow) {
        return new com.cloudphone.model.DomainEvent("CallflowCreated", SAMPLE_ACCOUNT, now(),
                java.util.Map.of("callflowId", callflow.callflowId()));
    }

    /** u_sampleuser logged in on softphone {@link #DEVICE}. */
    public DeviceSession device() {
        DeviceSession device = new DeviceSession(SAMPLE_ACCOUNT, SAMPLE_USER, DEVICE, DeviceKind.SOFTPHONE,
                "Jet Phone on laptop", now());
        t.backend.deviceStore.logIn(device, new com.cloudphone.model.DomainEvent("DeviceLoggedIn", SAMPLE_ACCOUNT,
                now(), java.util.Map.of("userId", SAMPLE_USER, "deviceId", device.deviceId(), "kind", "SOFTPHONE")));
        return device;
    }

    /** Everything offboard-user.json plans for (see the class comment). */
    public void offboardingWorld() {
        queue(SAMPLE_USER, SAMPLE_ADMIN);
        direct(DIRECT, "Direct line Sample User", SAMPLE_USER, DIRECT_NUMBER);
        group(GROUP, "Sales", List.of(GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        direct(MAIN, "Main line", SAMPLE_ADMIN, MAIN_NUMBER);
        assigned(REASSIGNED, SAMPLE_USER);
        contact(REASSIGNED, "Pat Morgan", "+14155550199");
        assigned(RELEASED, SAMPLE_USER);
        contact(RELEASED, "Lee Chan", "+14155550198");
        assigned(RECYCLED, SAMPLE_USER);
    }

    /** The plan of offboard-user.json. */
    public static OffboardingPlan fullPlan() {
        return new OffboardingPlan(true,
                List.of(new CallflowAction(DIRECT, CallflowActionKind.MOVE_NUMBERS, MAIN),
                        new CallflowAction(GROUP, CallflowActionKind.DROP_FROM_GROUP, null)),
                List.of(new NumberAction(REASSIGNED, NumberActionKind.REASSIGN, SAMPLE_ADMIN, null),
                        new NumberAction(RELEASED, NumberActionKind.RELEASE, null, MAIN_NUMBER),
                        new NumberAction(RECYCLED, NumberActionKind.RECYCLE, null, null)));
    }

    /** Starts offboarding u_sampleuser with this plan, as the HTTP route would; returns the job id. */
    public String startOffboarding(OffboardingPlan plan) {
        return t.backend.offboarding.start(ADMIN, SAMPLE_USER, plan).jobId();
    }

    /** The same event as sent by u_sampleuser (role USER) instead of the admin. */
    public static APIGatewayV2HTTPEvent asSampleUser(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", SAMPLE_USER, "accountId",
                SAMPLE_ACCOUNT, "role", "USER", "iss", "https://cloudphone.local", "aud", "cloudphone-console"));
        return event;
    }

    /** A Step Functions task input from events/, as the Lambda runtime hands it over: a JSON object as a Map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> task(String resource) {
        try (InputStream in = Samples.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + resource + " on the test classpath");
            }
            return new LinkedHashMap<>(TestJson.MAPPER.readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A task sample with its jobId replaced by a job the test started. */
    public static Map<String, Object> task(String resource, String jobId) {
        Map<String, Object> input = task(resource);
        input.put("jobId", jobId);
        return input;
    }

    /** The strings of a JSON array, in order. */
    public static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    /** The JSON error body a StepFailed carries as its message (what the job will show). */
    public static JsonNode errorBody(StepFailed failure) {
        try {
            return TestJson.MAPPER.readTree(failure.getMessage());
        } catch (IOException e) {
            throw new AssertionError("StepFailed message is not JSON: " + failure.getMessage(), e);
        }
    }
}
