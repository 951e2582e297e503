package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** An admin at the web console of one account, as the scenario tests drive it over HTTP. */
final class Console {
    final Http http;
    final String accountId;
    final String ownerUserId;
    private final String owner;
    String token;

    Console(Http http, String prefix, String plan, boolean paid) {
        this.http = http;
        Http.Answer account = http.post("/dev/accounts", null, "{\"name\":\"" + prefix + "\",\"plan\":\"" + plan
                + "\",\"paid\":" + paid + ",\"ownerUsername\":\"" + prefix + "-owner\",\"ownerPassword\":\"Owner-pass-1\"}");
        assertEquals(201, account.status(), account.raw());
        this.token = account.text("token");
        this.owner = prefix + "-owner";
        this.accountId = account.text("accountId");
        this.ownerUserId = account.text("ownerUserId");
    }

    /** A console for someone already signed in (an agency admin's token on the agency account). */
    Console(Http http, String token, String accountId) {
        this.http = http;
        this.token = token;
        this.accountId = accountId;
        this.ownerUserId = null;
        this.owner = null;
    }

    /** Signs the owner in again: after the test clock jumps days ahead, the old token has expired. */
    void signInAgain() {
        token = http.signIn(owner, "Owner-pass-1");
    }

    Http.Answer ok(Http.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.raw());
        return answer;
    }

    String user(String username, String extension) {
        return ok(http.post("/users", token, "{\"kind\":\"INTERNAL\",\"username\":\"" + username
                + "\",\"password\":\"Welcome-2026\",\"displayName\":\"" + username + "\",\"extension\":\"" + extension
                + "\"}"), 201).text("userId");
    }

    String number(String e164) {
        ok(http.post("/numbers", token, "{\"number\":\"" + e164 + "\"}"), 201);
        return e164;
    }

    void assign(String e164, String userId) {
        ok(http.call("PUT", "/numbers/" + e164.replace("+", "%2B") + "/assignee", token,
                "{\"userId\":\"" + userId + "\"}"), 200);
    }

    void contact(String e164, String name) {
        ok(http.post("/numbers/" + e164.replace("+", "%2B") + "/contacts", token,
                "{\"name\":\"" + name + "\",\"phone\":\"+14155550999\"}"), 201);
    }

    String queue(String name, String... userIds) {
        return ok(http.post("/queues", token, "{\"name\":\"" + name + "\",\"memberUserIds\":" + list(userIds) + "}"),
                201).text("queueId");
    }

    String direct(String name, String userId, String... numbers) {
        return ok(http.post("/callflows", token, "{\"name\":\"" + name + "\",\"kind\":\"DIRECT\",\"numbers\":"
                + list(numbers) + ",\"userId\":\"" + userId + "\"}"), 201).text("callflowId");
    }

    String group(String name, String[] numbers, String... dialUserIds) {
        return ok(http.post("/callflows", token, "{\"name\":\"" + name + "\",\"kind\":\"GROUP\",\"numbers\":"
                + list(numbers) + ",\"dialUserIds\":" + list(dialUserIds) + "}"), 201).text("callflowId");
    }

    String device(String userId, String kind, String name) {
        return ok(http.post("/users/" + userId + "/devices", token, "{\"kind\":\"" + kind + "\",\"name\":\"" + name
                + "\"}"), 201).text("deviceId");
    }

    void call(String from, String to, String userId, int seconds, String at) {
        ok(http.post("/calls", token, "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"userId\":\"" + userId
                + "\",\"durationSeconds\":" + seconds + ",\"startedAt\":\"" + at + "\"}"), 201);
    }

    Http.Answer get(String path) {
        return http.get(path, token);
    }

    String offboard(String userId, String plan) {
        return ok(http.post("/users/" + userId + "/offboarding", token, plan), 202).text("jobId");
    }

    /** Polls the job until {@code done} holds (the workflow runs on its own threads). */
    JsonNode awaitJob(String jobId, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode job = null;
        while (Instant.now().isBefore(deadline)) {
            job = ok(get("/jobs/" + jobId), 200).body();
            if (done.test(job)) {
                return job;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("job " + jobId + " did not get there in time: " + job);
    }

    static JsonNode awaitStatus(Console console, String jobId, String status) {
        return console.awaitJob(jobId, j -> status.equals(j.path("status").asText()));
    }

    static String list(String... values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(values[i]).append('"');
        }
        return json.append(']').toString();
    }
}
