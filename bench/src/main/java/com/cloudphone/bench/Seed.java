package com.cloudphone.bench;

import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.store.DynamoAccounts;
import com.cloudphone.store.Table;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Prepares the cold-start run once, before any sample: creates the table (same keys and stream as template.yaml)
 * and the account whose admin the add-user probe acts as.
 */
public final class Seed {
    public static final String ACCOUNT_ID = "a_bench";
    public static final String ADMIN_ID = "u_benchadmin";
    private static final StaticCredentialsProvider LOCAL =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private Seed() {
    }

    public static void main(String[] args) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1).credentialsProvider(LOCAL)
                .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT"))).build();
        Table table = new Table(dynamo, System.getenv("TABLE_NAME"));
        table.createIfMissing();

        String now = Instant.now().toString();
        // TEAM with a raised limit, so every sample can take a seat.
        Account account = new Account(ACCOUNT_ID, "Bench", Plan.TEAM, true, 10_000, 1, null, now, null);
        Member admin = new Member(ACCOUNT_ID, ADMIN_ID, UserKind.INTERNAL, Role.ADMIN, MemberStatus.ACTIVE,
                "bench-admin", null, "Bench admin", null, null, null, false, false, now);
        Login login = new Login(ADMIN_ID, "bench-admin", null, null, 0, null, null, 0);
        new DynamoAccounts(table).createAccount(account, admin, login,
                new DomainEvent("AccountOpened", ACCOUNT_ID, now, Map.of("plan", "TEAM", "paid", true)));
        System.out.println("seeded table " + table.name() + ", account " + ACCOUNT_ID);
    }
}
