package com.cloudphone.store;

import com.cloudphone.model.Rules;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/** Key formats of the single table; docs/table.md explains each access pattern they serve. */
final class Keys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1 = "gsi1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";

    static final String USER_PREFIX = "USER#";
    static final String NUMBER_PREFIX = "NUMBER#";
    static final String CONTACT_PREFIX = "CONTACT#";
    static final String QUEUE_PREFIX = "QUEUE#";
    static final String CALLFLOW_PREFIX = "CALLFLOW#";
    static final String DEVICE_PREFIX = "DEVICE#";
    static final String CALL_PREFIX = "CALL#";
    static final String JOB_PREFIX = "JOB#";
    static final String PURGE_PENDING = "PURGE#PENDING";
    static final String ACCOUNT_SK = "ACCOUNT";
    static final String LOGIN_SK = "LOGIN";
    static final String UNIQUE_SK = "UNIQUE";
    /** The partition of closed accounts whose wind-down is not finished (sort key ACCOUNT#id). */
    static final String CLOSING = "CLOSING";

    private Keys() {
    }

    /** The key of one item, for the enhanced client. */
    static Key k(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    static String account(String accountId) { return "ACCOUNT#" + accountId; }
    static String agency(String agencyAccountId) { return "AGENCY#" + agencyAccountId; }
    static String user(String userId) { return USER_PREFIX + userId; }
    static String login(String userId) { return "LOGIN#" + userId; }
    static String username(String username) { return "USERNAME#" + Rules.canonical(username); }
    static String email(String email) { return "EMAIL#" + Rules.canonical(email); }
    static String extension(String extension) { return "EXT#" + extension; }
    static String number(String e164) { return NUMBER_PREFIX + e164; }
    static String numberClaim(String e164) { return "CLAIM#" + e164; }
    static String assignee(String accountId, String userId) { return "ACCOUNT#" + accountId + "#ASSIGNEE#" + userId; }
    static String queue(String queueId) { return QUEUE_PREFIX + queueId; }
    static String callflow(String callflowId) { return CALLFLOW_PREFIX + callflowId; }
    static String devices(String userId) { return DEVICE_PREFIX + userId + "#"; }
    static String device(String userId, String deviceId) { return devices(userId) + deviceId; }
    static String call(String startedAt, String callId) { return CALL_PREFIX + startedAt + "#" + callId; }
    static String callsOf(String accountId, String userId) { return "ACCOUNT#" + accountId + "#CALLS#" + userId; }
    static String tombstone(String userId) { return "TOMBSTONE#" + userId; }
    static String jobsOf(String accountId, String userId) { return "ACCOUNT#" + accountId + "#JOBS#" + userId; }
    static String job(String jobId) { return JOB_PREFIX + jobId; }
    static String contacts(String e164) { return CONTACT_PREFIX + e164 + "#"; }
    static String contact(String e164, String contactId) { return contacts(e164) + contactId; }
}
