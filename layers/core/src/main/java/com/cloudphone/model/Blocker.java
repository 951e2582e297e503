package com.cloudphone.model;

import java.util.List;

/**
 * One thing that still depends on a user and so blocks their deletion (docs/rules.md rule 7). One record per kind;
 * {@code type} is written first, so a client reads the kind before the fields that come with it.
 */
public sealed interface Blocker {
    String type();

    static Blocker of(Queue queue, String extension) {
        return new InQueue("QUEUE", queue.queueId(), queue.name(), extension);
    }

    static Blocker of(Callflow callflow, String userId) {
        return new InCallflow("CALLFLOW", callflow.callflowId(), callflow.name(), callflow.kind().name(),
                callflow.versionsNaming(userId).stream().map(CallflowVersion::version).toList(), callflow.numbers());
    }

    static Blocker ofNumber(String number) {
        return new HoldsNumber("NUMBER", number);
    }

    static Blocker of(DeviceSession device) {
        return new LoggedIn("DEVICE", device.deviceId(), device.name(), device.kind().name());
    }

    /** A member of a queue: the queue's agents include them. */
    record InQueue(String type, String queueId, String name, String extension) implements Blocker {
    }

    /** A callflow routes to them (a direct line) or dials them (a group), in the versions listed. */
    record InCallflow(String type, String callflowId, String name, String kind, List<Integer> versions,
                      List<String> numbers) implements Blocker {
        public InCallflow {
            versions = List.copyOf(versions);
            numbers = List.copyOf(numbers);
        }
    }

    /** A number is assigned to them. */
    record HoldsNumber(String type, String number) implements Blocker {
    }

    /** A device is logged in as them. */
    record LoggedIn(String type, String deviceId, String name, String kind) implements Blocker {
    }
}
