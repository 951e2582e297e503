package com.cloudphone.model;

import java.util.List;

/** A call queue and its member users (shown by extension). */
public record Queue(String accountId, String queueId, String name, List<String> memberUserIds, String createdAt) {
    /** A queue is created in one transaction with a link per member: DynamoDB takes 100 items in one. */
    public static final int MAX_MEMBERS = 90;

    public Queue {
        memberUserIds = List.copyOf(memberUserIds);
    }
}
