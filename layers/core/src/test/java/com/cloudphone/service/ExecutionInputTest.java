package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.json.Json;
import com.cloudphone.model.OffboardingPlan;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The executions' inputs are what the state machine reads, name for name. */
class ExecutionInputTest {

    @Test
    void eachInputIsWrittenAsTheStateMachineReadsIt() {
        OffboardingPlan plan = new OffboardingPlan(true, List.of(new OffboardingPlan.CallflowAction("cf_1",
                OffboardingPlan.CallflowActionKind.DROP_FROM_GROUP, null)), List.of());
        assertEquals("{\"mode\":\"OFFBOARD\",\"jobId\":\"job_1\",\"accountId\":\"a_1\",\"userId\":\"u_1\","
                + "\"plan\":{\"queues\":\"REMOVE_ALL\",\"callflows\":[{\"callflowId\":\"cf_1\",\"action\":\"DROP_FROM_GROUP\"}],"
                + "\"numbers\":[]}}", Json.write(new ExecutionInput.Offboard("job_1", "a_1", "u_1", plan)));
        assertEquals("{\"mode\":\"PURGE_ONLY\",\"jobId\":null,\"accountId\":\"a_1\",\"userId\":\"u_1\","
                + "\"deletion\":{\"purgeAt\":\"2026-12-08T00:00:00Z\"}}",
                Json.write(new ExecutionInput.PurgeOnly("a_1", "u_1", "2026-12-08T00:00:00Z")));
        assertEquals("{\"mode\":\"AGENCY_REMOVAL\",\"jobId\":\"job_2\",\"accountId\":\"a_1\",\"userId\":\"u_1\","
                + "\"accounts\":[\"a_2\",\"a_1\"]}",
                Json.write(new ExecutionInput.AgencyRemoval("job_2", "a_1", "u_1", List.of("a_2", "a_1"))));
    }

    @Test
    void everyPathTheStateMachineReadsFromItsInputIsAComponentOfAnInput() throws Exception {
        String asl = Files.readString(Path.of("../../statemachine/offboarding.asl.json"));
        Set<String> written = new TreeSet<>();
        Matcher results = Pattern.compile("\"ResultPath\": \"\\$\\.([a-zA-Z]+)").matcher(asl);
        while (results.find()) written.add(results.group(1));
        Set<String> read = new TreeSet<>();
        Matcher paths = Pattern.compile("\"\\$\\.([a-zA-Z]+)").matcher(asl);
        while (paths.find()) read.add(paths.group(1));
        read.removeAll(written);
        Set<String> given = Arrays.stream(ExecutionInput.class.getPermittedSubclasses())
                .flatMap(c -> Arrays.stream(c.getRecordComponents())).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(given.containsAll(read), "read " + read + ", given " + given);
        assertEquals(Set.of("accountId", "accounts", "jobId", "mode", "plan", "userId"), read,
                "$.deletion is written by the delete step in an offboarding, and given by a purge-only input");
    }
}
