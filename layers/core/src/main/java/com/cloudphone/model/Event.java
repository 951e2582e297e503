package com.cloudphone.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service publishes (docs/events.md), one record per event type: its name is the EventBridge detail-type
 * and its components, in order, the detail's own fields (events/schemas/ holds each). A null component is left out
 * of the detail; an enum goes as its name. Never a password, token or hash.
 */
public sealed interface Event {
    /** The detail-type: the record's name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The detail's own fields, in component order. */
    default Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (RecordComponent c : getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(this);
                if (value != null) {
                    detail.put(c.getName(), value instanceof Enum<?> e ? e.name() : value);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("event " + type() + " cannot be read", e);
            }
        }
        return detail;
    }

    record AccountOpened(Plan plan, boolean paid, String ownerUserId, String parentAccountId) implements Event {
    }

    /** {@code cause}: the billing event applied (PlanChanged, SeatsChanged, AccountClosed). */
    record AccountUpdated(String cause, Plan plan, int seats, int seatsUsed, boolean paid, boolean closed)
            implements Event {
    }

    /** {@code addedBy}: the adding user's id, or "agency" when the agency did it. */
    record UserAdded(String userId, UserKind kind, Role role, String addedBy) implements Event {
    }

    record UserUpdated(String userId, List<String> changed, String changedBy) implements Event {
        public UserUpdated {
            changed = List.copyOf(changed);
        }
    }

    /** {@code paidSeats} and {@code seatsUsed} after the removal; {@code cause} when it was not an admin's delete. */
    record UserRemoved(String userId, String purgeAt, Integer paidSeats, Integer seatsUsed, String cause)
            implements Event {
    }

    record UserPurged(String userId, int callsAnonymised, boolean loginKept) implements Event {
    }

    record InvitationAccepted(String userId) implements Event {
    }

    record InvitationSent(String userId, String expiresAt, String sentBy) implements Event {
    }

    record NumberAdded(String number) implements Event {
    }

    record NumberAssigned(String number, String userId, String previousUserId) implements Event {
    }

    record NumberRecycled(String number, String previousUserId) implements Event {
    }

    record NumberReleased(String number, String contactsHeir, Integer contactsMoved, String cause) implements Event {
    }

    record ContactAdded(String number, String contactId) implements Event {
    }

    record QueueCreated(String queueId, int members) implements Event {
    }

    record QueueDeleted(String queueId) implements Event {
    }

    record UserRemovedFromQueue(String queueId, String userId) implements Event {
    }

    record CallflowCreated(String callflowId) implements Event {
    }

    record CallflowDeleted(String callflowId) implements Event {
    }

    record CallflowReassigned(String callflowId, String targetCallflowId, List<String> numbers) implements Event {
        public CallflowReassigned {
            numbers = List.copyOf(numbers);
        }
    }

    record CallflowVersionSaved(String callflowId, int version) implements Event {
    }

    record CallflowVersionsDeleted(String callflowId, List<Integer> versions) implements Event {
        public CallflowVersionsDeleted {
            versions = List.copyOf(versions);
        }
    }

    record DeviceLoggedIn(String userId, String deviceId, DeviceKind kind) implements Event {
    }

    record DeviceLoggedOut(String userId, String deviceId, String cause) implements Event {
    }
}
