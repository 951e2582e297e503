package com.cloudphone.store;

import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Member;
import com.cloudphone.model.Tombstone;
import java.util.List;

/** The end of a removed member's personal data: what is erased, and the tombstone that says it was. */
public interface Purges {
    /**
     * Erases a removed member's personal data: the member item, their device sessions and, unless the login still
     * belongs to another account, the login and its username and email claims. Returns how many items went.
     */
    int erase(Member member, List<DeviceSession> devices, boolean keepLogin);

    /**
     * Marks a tombstone purged (which takes it out of the pending-purge index), with its event, unless another
     * purge (the sweep, a re-run step) marked it first: then nothing is written and the answer is false.
     */
    boolean markPurged(Tombstone purged, DomainEvent event);
}
