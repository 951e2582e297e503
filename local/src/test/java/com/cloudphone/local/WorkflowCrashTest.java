package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.local.sfn.Execution;
import com.cloudphone.local.sfn.Listener;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offboarding workflow killed after each of its states in turn, then run again with the same input: every
 * time it must end in exactly the state an uninterrupted run leaves (ids and numbers aside).
 */
class WorkflowCrashTest extends StackTest {
    private static final List<String> CRASH_POINTS = List.of("RemoveFromQueues", "Callflow", "Callflows", "Number",
            "Numbers", "DeleteUser", "WaitForPurgeWindow", "PurgeData");
    private static final AtomicInteger RUNS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        stack.workflow().hold(true);
    }

    /** One account set up the same way each time, with its ids and numbers named for comparison. */
    private static final class Setup {
        final Console c;
        final Map<String, String> names = new HashMap<>();
        final String leaving;
        final String jobId;
        final String prefix;

        Setup() {
            int run = RUNS.incrementAndGet();
            String p = "crash" + run;
            prefix = p;
            c = new Console(http, p, "TEAM", false);
            names.put(c.accountId, "account");
            names.put(c.ownerUserId, "owner");
            leaving = name(c.user(p + "-leaving", "1002"), "leaving");
            String stays = name(c.user(p + "-stays", "1003"), "stays");
            String heir = name(c.user(p + "-heir", "1004"), "heir");
            String base = "+1415" + String.format("%03d", run) + "00";
            String direct = number(base + "01", "direct-line");
            String other = number(base + "02", "other-line");
            String group = number(base + "03", "group-line");
            String kept = number(base + "04", "kept");
            String dropped = number(base + "05", "dropped");
            String office = number(base + "06", "office");
            c.queue("Demo 1", leaving, stays);
            String directFlow = name(c.direct("Direct", leaving, direct), "Direct");
            String otherFlow = name(c.direct("Other", stays, other), "Other");
            String groupFlow = name(c.group("Group", new String[] {group}, leaving, stays), "Group");
            c.assign(kept, leaving);
            c.assign(dropped, leaving);
            c.contact(kept, "Kept lead");
            c.contact(dropped, "Dropped lead");
            c.call("+13125550100", direct, leaving, 61, "2026-11-20T10:00:00Z");
            c.call("+13125550101", kept, leaving, 62, "2026-11-21T10:00:00Z");
            jobId = c.offboard(leaving, "{\"queues\":\"REMOVE_ALL\",\"callflows\":["
                    + "{\"callflowId\":\"" + directFlow + "\",\"action\":\"MOVE_NUMBERS\",\"targetCallflowId\":\"" + otherFlow + "\"},"
                    + "{\"callflowId\":\"" + groupFlow + "\",\"action\":\"DROP_FROM_GROUP\"}],\"numbers\":["
                    + "{\"number\":\"" + kept + "\",\"action\":\"REASSIGN\",\"toUserId\":\"" + heir + "\"},"
                    + "{\"number\":\"" + dropped + "\",\"action\":\"RELEASE\",\"contactsHeir\":\"" + office + "\"}]}");
        }

        private String name(String id, String name) {
            names.put(id, name);
            return id;
        }

        private String number(String e164, String name) {
            names.put(e164, name);
            return c.number(e164);
        }

        Execution run(String execution, Listener listener) {
            return stack.workflow().runNow(execution, stack.workflow().heldInput(jobId), listener);
        }

        /** Everything an admin can see of the account, with ids and numbers replaced by their names. */
        String endState() {
            Map<String, Object> state = new TreeMap<>();
            List<String> users = new ArrayList<>();
            c.get("/users").body().path("items").forEach(u -> users.add(n(u, "userId") + ":" + u.path("status").asText()));
            state.put("users", users.stream().sorted().toList());
            List<String> queues = new ArrayList<>();
            c.get("/queues").body().path("items").forEach(q -> {
                List<String> members = new ArrayList<>();
                q.path("members").forEach(m -> members.add(n(m, "userId") + "@" + m.path("extension").asText()));
                queues.add(q.path("name").asText() + members.stream().sorted().toList());
            });
            state.put("queues", queues);
            List<String> callflows = new ArrayList<>();
            c.get("/callflows").body().path("items").forEach(f -> {
                List<String> numbers = new ArrayList<>();
                f.path("numbers").forEach(x -> numbers.add(names.getOrDefault(x.asText(), x.asText())));
                List<String> versions = new ArrayList<>();
                f.path("versions").forEach(v -> {
                    List<String> dial = new ArrayList<>();
                    v.path("dialUserIds").forEach(d -> dial.add(names.getOrDefault(d.asText(), d.asText())));
                    versions.add(v.path("version").asInt() + ":" + v.path("status").asText() + ":"
                            + names.getOrDefault(v.path("userId").asText(), "-") + dial.stream().sorted().toList());
                });
                callflows.add(f.path("name").asText() + "|" + f.path("kind").asText() + "|" + f.path("status").asText()
                        + "|" + numbers.stream().sorted().toList() + "|" + versions);
            });
            state.put("callflows", callflows.stream().sorted().toList());
            List<String> numbers = new ArrayList<>();
            c.get("/numbers").body().path("items").forEach(x -> numbers.add(n(x, "number") + "|"
                    + x.path("state").asText() + "|" + n(x, "assigneeUserId") + "|" + n(x, "callflowId")));
            state.put("numbers", numbers.stream().sorted().toList());
            List<String> contacts = new ArrayList<>();
            c.get("/users").body().path("items").forEach(u -> c.get("/users/" + u.path("userId").asText() + "/contacts")
                    .body().path("contacts").forEach(k -> contacts.add(n(u, "userId") + ":" + k.path("name").asText()
                            + "@" + n(k, "number"))));
            state.put("contacts", contacts.stream().sorted().toList());
            List<String> calls = new ArrayList<>();
            c.get("/calls").body().path("items").forEach(k -> calls.add(n(k, "to") + "|" + k.path("durationSeconds").asInt()
                    + "|" + k.path("userName").asText("-") + "|" + k.path("extension").asText("-") + "|"
                    + (k.path("userLabel").asText("").startsWith("Removed user ") ? "anonymised" : "named")));
            state.put("calls", calls.stream().sorted().toList());
            JsonNode job = c.get("/jobs/" + jobId).body();
            state.put("job", job.path("status").asText() + "/" + job.path("currentStep").asText());
            state.put("leavingSignIn", http.post("/sessions", null, "{\"username\":\"" + prefix
                    + "-leaving\",\"password\":\"Welcome-2026\"}").status());
            return state.toString();
        }

        private String n(JsonNode node, String field) {
            String value = node.path(field).asText("-");
            return names.getOrDefault(value, value);
        }
    }

    @Test
    void killedAfterAnyStateAndRunAgainItEndsTheSame() {
        Setup baseline = new Setup();
        Execution clean = baseline.run(baseline.jobId, Listener.NONE);
        assertEquals(Execution.Status.SUCCEEDED, clean.status(), clean.error() + " " + clean.cause());
        String expected = baseline.endState();
        assertEquals(true, expected.contains("job=SUCCEEDED/DONE"), expected);
        assertEquals(true, expected.contains("leavingSignIn=401"), expected);

        for (String crashPoint : CRASH_POINTS) {
            Setup s = new Setup();
            Execution crashed = s.run(s.jobId, Listener.crashAfter(crashPoint));
            assertEquals(Execution.Status.ABORTED, crashed.status(), crashPoint + ": " + crashed.error());
            Execution rerun = s.run(s.jobId + "-rerun", Listener.NONE);
            assertEquals(Execution.Status.SUCCEEDED, rerun.status(),
                    crashPoint + ": " + rerun.error() + " " + rerun.cause());
            assertEquals(expected, s.endState(), "after a crash following " + crashPoint);
        }
    }
}
