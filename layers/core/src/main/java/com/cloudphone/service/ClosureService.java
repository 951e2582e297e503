package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.model.Account;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Member;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.model.Queue;
import com.cloudphone.model.Tombstone;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.CallflowStore;
import com.cloudphone.store.DeviceStore;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.NumberStore;
import com.cloudphone.store.QueueStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * docs/rules.md rule 10.4 for a closed account: it keeps no personal data past its window either. Its queues and callflows
 * go, its numbers are released (out of service for good) and their contacts deleted, and every member is removed
 * with a tombstone due at once (free accounts) or 28 days after the closure (paid), so the same purge as for a
 * deleted user erases them and anonymises the call log: started here, with the hourly sweep as the safety net.
 * Each step skips what is already done, so billing redelivering AccountClosed after a crash finishes the job, and
 * so does the hourly sweep for a wind-down that ran out of time (the account stays noted as closing until done).
 */
public final class ClosureService {
    private final Accounts accounts;
    private final Memberships memberships;
    private final QueueStore queues;
    private final CallflowStore callflows;
    private final NumberStore numbers;
    private final OffboardingService purges;
    private final DeviceStore devices;

    public ClosureService(Accounts accounts, Memberships memberships, QueueStore queues, CallflowStore callflows, NumberStore numbers,
                          DeviceStore devices, OffboardingService purges) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.devices = devices;
        this.queues = queues;
        this.callflows = callflows;
        this.numbers = numbers;
        this.purges = purges;
    }

    /** Winds a closed account down; {@code closedAt} is the closure's time, which the purge window counts from. */
    public Map<String, Object> windDown(String accountId, String closedAt) {
        return windDown(accountId, closedAt, () -> true);
    }

    /**
     * The hourly sweep's part: carries on every wind-down that was cut short (or whose event was never delivered
     * again), while {@code timeLeft} says there is time. Returns each one's outcome.
     */
    public List<Map<String, Object>> continueUnfinished(BooleanSupplier timeLeft) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Accounts.Closing c : accounts.closing()) {
            if (!timeLeft.getAsBoolean()) break;
            Map<String, Object> result = new LinkedHashMap<>(Map.of("accountId", c.accountId()));
            result.putAll(windDown(c.accountId(), c.closedAt(), timeLeft));
            out.add(result);
        }
        return out;
    }

    /**
     * {@link #windDown(String, String)} that stops between two changes once {@code timeLeft} says no (a function's
     * invocation has a timeout; an account may have thousands of members): "complete" is false then, and the
     * hourly sweep carries on from where it stopped ({@link #continueUnfinished}).
     */
    public Map<String, Object> windDown(String accountId, String closedAt, BooleanSupplier timeLeft) {
        return new WindDown(accountId, closedAt, timeLeft).run();
    }

    /** One run of a wind-down: what it did so far, and whether it got to the end. */
    private final class WindDown {
        private final String accountId;
        private final String closedAt;
        private final Instant closed;
        private final String purgeAt;
        private final BooleanSupplier timeLeft;
        private int queuesDeleted;
        private int callflowsDeleted;
        private int numbersReleased;
        private int contactsDeleted;
        private int membersRemoved;

        WindDown(String accountId, String closedAt, BooleanSupplier timeLeft) {
            Account account = accounts.account(accountId).orElseThrow();
            this.accountId = accountId;
            this.closedAt = closedAt;
            this.closed = Instant.parse(closedAt).truncatedTo(ChronoUnit.SECONDS);
            this.purgeAt = (account.paid() ? closed.plus(DeletionService.PAID_PURGE_WINDOW) : closed).toString();
            this.timeLeft = timeLeft;
        }

        Map<String, Object> run() {
            for (Queue q : queues.list(accountId)) {
                if (!timeLeft.getAsBoolean()) return result(false);
                decide(() -> queues.delete(q, event(new Event.QueueDeleted(q.queueId()))));
                queuesDeleted++;
            }
            for (Callflow c : callflows.list(accountId)) {
                if (!timeLeft.getAsBoolean()) return result(false);
                decide(() -> callflows.delete(c, event(new Event.CallflowDeleted(c.callflowId()))));
                callflowsDeleted++;
            }
            for (PhoneNumber n : numbers.list(accountId)) {
                if (!timeLeft.getAsBoolean()) return result(false);
                PhoneNumber released = new PhoneNumber(accountId, n.number(), NumberState.RELEASED, null, null, closedAt);
                if (n.state() != NumberState.RELEASED) {
                    numbersReleased++;
                }
                contactsDeleted += decide(() -> numbers.retire(n, released, event(
                        new Event.NumberReleased(n.number(), null, null, "ACCOUNT_CLOSED"))));
            }
            for (Member m : memberships.members(accountId)) { // those not removed yet
                if (!timeLeft.getAsBoolean()) return result(false);
                remove(m);
                membersRemoved++;
            }
            accounts.closed(accountId);
            return result(true);
        }

        private void remove(Member m) {
            // a removed member keeps no session: each is logged out first, as a delete would require
            for (DeviceSession d : devices.of(accountId, m.userId())) {
                decide(() -> devices.logOut(accountId, m.userId(), d.deviceId(), event(
                        new Event.DeviceLoggedOut(m.userId(), d.deviceId(), "ACCOUNT_CLOSED"))));
            }
            Tombstone tombstone = new Tombstone(accountId, m.userId(), closed.toString(), purgeAt, null,
                    DeletionService.label(accountId, m.userId()));
            decide(() -> memberships.removeFromClosedAccount(m, memberships.links(accountId, m.userId()), tombstone, event(
                    new Event.UserRemoved(m.userId(), purgeAt, null, null, "ACCOUNT_CLOSED"))));
            purges.schedulePurge(accountId, new DeletionService.Deleted(m.userId(), tombstone.removedAt(), purgeAt));
        }

        private Map<String, Object> result(boolean complete) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("complete", complete);
            result.put("membersRemoved", membersRemoved);
            result.put("purgeAt", purgeAt);
            result.put("numbersReleased", numbersReleased);
            result.put("contactsDeleted", contactsDeleted);
            result.put("queuesDeleted", queuesDeleted);
            result.put("callflowsDeleted", callflowsDeleted);
            return result;
        }

        private DomainEvent event(Event event) {
            return DomainEvent.of(accountId, closedAt, event);
        }
    }
}
