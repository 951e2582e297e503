package com.cloudphone.model;

import java.util.List;

/** A call queue and its member users (shown by extension). */
public record Queue(String accountId, String queueId, String name, List<String> memberUserIds, String createdAt) {
    public Queue {
        memberUserIds = List.copyOf(memberUserIds);
    }
}
