package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.engine.Moto;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code --dynamodb-endpoint}: the table on an engine the stack did not start (here a second moto, standing in for
 * any DynamoDB-compatible endpoint), with the bus and the secret still on the stack's own moto.
 */
class OtherEngineTest {
    @Test
    void theTableLivesOnTheNamedEndpointAndEventsStillReachTheBus() throws Exception {
        try (Moto other = Moto.start(null, 0);
             LocalStack stack = LocalStack.start(LocalStack.Options.forTests(new LocalClock(Instant.now()))
                     .withDynamoDbEndpoint(other.endpoint()))) {
            Http http = new Http(stack.url());
            Http.Answer health = http.get("/health", null);
            assertEquals(200, health.status(), health.raw());
            assertEquals("external", health.body().path("dynamodb").path("engine").asText());
            assertEquals(other.endpoint().toString(), health.body().path("dynamodb").path("endpoint").asText());

            Http.Answer opened = http.openAccount("Elsewhere Co", "TEAM", "elsewhere-owner");
            assertEquals(201, opened.status(), opened.raw());
            var table = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                    .endpointOverride(other.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
            assertEquals(true, table.scan(b -> b.tableName(LocalStack.TABLE)).count() > 0, "the items are on the other engine");
            Http.Answer events = http.get("/dev/events?type=AccountOpened&accountId=" + opened.text("accountId"), null);
            assertEquals(1, events.body().path("events").size(), events.raw());
        }
    }
}
