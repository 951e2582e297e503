package com.cloudphone.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The table's client: before any call, it sends the change the thread's request holds back for its answer
 * ({@link RequestClaim}), so a request always reads its own writes and its writes keep their order. The calls the
 * project makes are the ones passed on; the paginators and the consumer-style overloads go through them.
 */
final class OwnWritesClient implements DynamoDbClient {
    private final DynamoDbClient client;

    OwnWritesClient(DynamoDbClient client) {
        this.client = client;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.getItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.query(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.scan(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.batchGetItem(request);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.transactGetItems(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.updateItem(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.deleteItem(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.batchWriteItem(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.transactWriteItems(request);
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.createTable(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.describeTable(request);
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.updateTable(request);
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.updateTimeToLive(request);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        RequestClaim.sendCurrentHeld();
        return client.describeTimeToLive(request);
    }

    @Override
    public DynamoDbWaiter waiter() {
        return client.waiter();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return client.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public void close() {
        client.close();
    }
}
