package com.cloudphone.local;

import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small JSON client for the local stack, as the web console would call it. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    record Answer(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        /** A header of the answer (names are case-insensitive), or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String code() {
            return body.path("error").path("code").asText();
        }

        String text(String field) {
            return body.path(field).asText();
        }
    }

    Answer call(String method, String path, String token, String body) {
        return call(method, path, token, body, java.util.Map.of());
    }

    Answer call(String method, String path, String token, String body, java.util.Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .header("content-type", "application/json");
            if (token != null) {
                request.header("authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            // as the console does: every change carries a key of its own, so the tests run the way clients call
            boolean keyed = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("idempotency-key"));
            if (!keyed && token != null && java.util.Set.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                request.header("idempotency-key", "test-" + java.util.UUID.randomUUID());
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isEmpty() ? TestJson.MAPPER.createObjectNode() : TestJson.MAPPER.readTree(raw);
            return new Answer(response.statusCode(), json, raw, response.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    Answer get(String path, String token) {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    /** Opens an account on the dev route with this body; it must answer 201. */
    Answer open(String body) {
        Answer answer = post("/dev/accounts", null, body);
        if (answer.status() != 201) {
            throw new AssertionError("opening an account failed: " + answer.raw());
        }
        return answer;
    }

    /** Opens an account on the dev route; returns its JSON ({accountId, ownerUserId, token}). */
    Answer openAccount(String name, String plan, String ownerUsername) {
        return post("/dev/accounts", null, "{\"name\":\"" + name + "\",\"plan\":\"" + plan + "\",\"paid\":true,"
                + "\"ownerUsername\":\"" + ownerUsername + "\",\"ownerPassword\":\"Owner-pass-1\"}");
    }

    String signIn(String username, String password) {
        Answer a = post("/sessions", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (a.status() != 201) {
            throw new AssertionError("sign-in failed: " + a.raw());
        }
        return a.text("token");
    }
}
