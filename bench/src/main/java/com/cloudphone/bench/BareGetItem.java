package com.cloudphone.bench;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Cold-start probe (a), the baseline: the least a Java Lambda on DynamoDB does. Builds a {@link DynamoDbClient}
 * (URL connection HTTP client, static credentials, endpoint override), reads the seeded account item once, prints
 * the marker line the driver times, and exits. Run in a fresh JVM per sample by {@link ColdStart}.
 */
public final class BareGetItem {
    private BareGetItem() {
    }

    public static void main(String[] args) {
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
                .build();
        GetItemResponse response = client.getItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("ACCOUNT#" + Seed.ACCOUNT_ID),
                        "sk", AttributeValue.fromS("ACCOUNT")))
                .consistentRead(true));
        boolean found = response.hasItem() && !response.item().isEmpty();
        Probe.answered(found ? "found" : "missing");
        System.exit(found ? 0 : 1);
    }
}
