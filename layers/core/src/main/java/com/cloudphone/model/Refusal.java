package com.cloudphone.model;

/**
 * Why the store refused a change: a condition that keeps a rule spanning items failed (docs/table.md, invariants),
 * so nothing was written. Plain domain facts, no wording for people and no HTTP: the service layer decides what
 * each means for its caller ({@code service/Refusals}), and http/ turns that into a status and a message.
 */
public sealed interface Refusal {
    /** What a refusal is about. */
    enum Subject { ACCOUNT, LOGIN, MEMBER, MEMBERSHIP, NUMBER, CONTACT, QUEUE, CALLFLOW, DEVICE_SESSION, CALL, EVENT,
        TOMBSTONE, EMAIL_CLAIM, EXTENSION_CLAIM, SEAT_COUNT, ADMIN_COUNT }

    /** A value only one login, member or account may hold at a time. */
    enum Claim { USERNAME, EMAIL, EXTENSION, NUMBER }

    /** Every seat of the account's plan is taken. */
    record SeatLimitReached() implements Refusal {
    }

    /** {@code value} is held by someone else. */
    record ClaimTaken(Claim claim, String value) implements Refusal {
    }

    /** The item to create is there already. */
    record AlreadyExists(Subject subject) implements Refusal {
    }

    /** The item is no longer the one the change was decided on. */
    record ChangedMeanwhile(Subject subject) implements Refusal {
    }

    /** The item the change needs is not there. */
    record NotFound(Subject subject) implements Refusal {
    }

    /** The change was made already (a member already removed, a tombstone already purged, a queue member gone). */
    record AlreadyDone(Subject subject) implements Refusal {
    }

    /** Something started to depend on a member after their blockers were checked. */
    record NewDependency() implements Refusal {
    }

    /** The change would leave the account without an admin who can sign in, or the agency without an agency admin. */
    record LastAdmin(boolean agency) implements Refusal {
    }

    /** A removed member's data was purged, so the membership cannot come back. */
    record Purged() implements Refusal {
    }

    /** The invitation's secret does not match, or it was used. */
    record InvitationNotValid() implements Refusal {
    }

    /** {@code userId}, named in {@code field}, is not a member who can take this on. */
    record NotAMember(String field, String userId) implements Refusal {
    }

    /** A number to route is not the account's, is out of service, or is routed by another callflow. */
    record NumberNotRoutable(String number) implements Refusal {
    }

    /** The number is out of service; {@code field} names the request field that named it, when one did. */
    record NumberOutOfService(String field) implements Refusal {
    }

    /** More changes than one transaction holds; at most {@code max} in one request. */
    record TooManyChanges(String field, int max) implements Refusal {
    }

    /** The cursor is not one this list gave out. */
    record BadCursor() implements Refusal {
    }

    /** A newer billing event was applied already, or the seats moved since this one was read. */
    record StaleBillingEvent() implements Refusal {
    }

    /** Concurrent changes kept colliding after every retry. */
    record Collided() implements Refusal {
    }

    /** A retry of the same request took the work over. */
    record Superseded() implements Refusal {
    }
}
