package com.cloudphone.service;

import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowVersion;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.Queue;
import java.util.List;

/** One thing that still depends on a user and so blocks their deletion. Unused fields stay null. */
public record Blocker(String type, String queueId, String callflowId, String number, String deviceId, String name,
                      String kind, String extension, List<Integer> versions, List<String> numbers) {

    public static Blocker queue(Queue q, String extension) {
        return new Blocker("QUEUE", q.queueId(), null, null, null, q.name(), null, extension, null, null);
    }

    public static Blocker callflow(Callflow c, String userId) {
        return new Blocker("CALLFLOW", null, c.callflowId(), null, null, c.name(), c.kind().name(), null,
                c.versionsNaming(userId).stream().map(CallflowVersion::version).toList(), c.numbers());
    }

    public static Blocker number(String number) {
        return new Blocker("NUMBER", null, null, number, null, null, null, null, null, null);
    }

    public static Blocker device(DeviceSession d) {
        return new Blocker("DEVICE", null, null, null, d.deviceId(), d.name(), d.kind().name(), null, null, null);
    }
}
