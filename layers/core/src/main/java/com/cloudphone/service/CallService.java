package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.model.Call;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Member;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.store.CallLog;
import com.cloudphone.store.Memberships;

/**
 * The call log. Calls stay when their user is deleted; a removed user can no longer be used as a filter, and
 * purge replaces their details with an anonymous label.
 */
public final class CallService {
    private final CallLog calls;
    private final Memberships memberships;
    private final Access access;

    public CallService(CallLog calls, Memberships memberships, Access access) {
        this.calls = calls;
        this.memberships = memberships;
        this.access = access;
    }

    /** Records a call handled by {@code userId} (an active member), with their name and extension as of now. */
    public Call record(Caller caller, String from, String to, String userId, int durationSeconds, String startedAt) {
        access.admin(caller);
        Member user = filterable(caller.accountId(), userId);
        Call call = new Call(caller.accountId(), Ids.next("call"), from, to, userId, user.displayName(),
                user.extension(), durationSeconds, startedAt, null);
        decide(() -> calls.record(call));
        return call;
    }

    /** Admins see every call (or one user's); a user sees their own. */
    public Page<Call> list(Caller caller, String userId, PageRequest request) {
        Member me = access.member(caller);
        if (!me.isAdmin()) {
            if (userId != null && !userId.equals(me.userId())) {
                throw ApiException.forbidden("Users can only see their own calls");
            }
            return decide(() -> calls.of(caller.accountId(), me.userId(), request));
        }
        if (userId == null) {
            return decide(() -> calls.recent(caller.accountId(), request));
        }
        filterable(caller.accountId(), userId);
        return decide(() -> calls.of(caller.accountId(), userId, request));
    }

    private Member filterable(String accountId, String userId) {
        return memberships.current(accountId, userId)
                .orElseThrow(() -> ApiException.invalid("userId", "no user " + userId + " in the account"));
    }
}
