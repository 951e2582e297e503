package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Member;
import com.cloudphone.store.DeviceStore;
import com.cloudphone.store.Memberships;
import java.time.Clock;
import java.util.List;

/** Device sessions: a user logging in on a softphone or desk phone, and logging out. */
public final class DeviceService {
    private final DeviceStore devices;
    private final Memberships memberships;
    private final Access access;
    private final Clock clock;

    public DeviceService(DeviceStore devices, Memberships memberships, Access access, Clock clock) {
        this.devices = devices;
        this.memberships = memberships;
        this.access = access;
        this.clock = clock;
    }

    public DeviceSession logIn(Caller caller, String userId, DeviceKind kind, String name) {
        access.requireMayManage(access.selfOrAdmin(caller, userId), requireMember(caller.accountId(), userId));
        DeviceSession device = new DeviceSession(caller.accountId(), userId, Ids.next("d"), kind, name,
                clock.instant().toString());
        decide(() -> devices.logIn(device, DomainEvent.of(caller.accountId(), device.loggedInAt(),
                new Event.DeviceLoggedIn(userId, device.deviceId(), kind))));
        return device;
    }

    public void logOut(Caller caller, String userId, String deviceId) {
        access.requireMayManage(access.selfOrAdmin(caller, userId), requireMember(caller.accountId(), userId));
        if (!decide(() -> devices.logOut(caller.accountId(), userId, deviceId, DomainEvent.of(
                caller.accountId(), clock.instant().toString(), new Event.DeviceLoggedOut(userId, deviceId, null))))) {
            throw ApiException.notFound("Device session");
        }
    }

    public List<DeviceSession> list(Caller caller, String userId) {
        access.selfOrAdminOn(caller, userId);
        return devices.of(caller.accountId(), userId);
    }

    private Member requireMember(String accountId, String userId) {
        return memberships.current(accountId, userId)
                .orElseThrow(() -> ApiException.notFound("User"));
    }
}
