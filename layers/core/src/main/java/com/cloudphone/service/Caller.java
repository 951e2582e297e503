package com.cloudphone.service;

/** Who is calling, from the verified token: the account always comes from here, never from a request body. */
public record Caller(String userId, String accountId, String role) {
}
