package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Plan;
import com.cloudphone.store.Accounts;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What billing tells us (docs/rules.md rules 12.4 and 12.5): a plan change (seat cap and paid flag follow), a raised TEAM seat limit,
 * an account closed. Events are applied in their own time order; a stale or repeated one changes nothing.
 */
public final class BillingService {
    private final Accounts accounts;
    private final ClosureService closure;

    public BillingService(Accounts accounts, ClosureService closure) {
        this.accounts = accounts;
        this.closure = closure;
    }

    /** A billing event that is not a delivery of an earlier one (tests, the local stack's dev route). */
    public Map<String, Object> apply(String type, Map<String, Object> detail, String eventTime) {
        return apply(type, detail, eventTime, Ids.next("bill"));
    }

    /**
     * Applies one billing event; returns what happened (APPLIED or STALE). Bad events are 400s, unknown accounts
     * 404s. {@code eventId} is EventBridge's id of the event: a redelivery of the event last applied is STALE.
     */
    public Map<String, Object> apply(String type, Map<String, Object> detail, String eventTime, String eventId) {
        return apply(type, detail, eventTime, eventId, () -> true);
    }

    /** {@link #apply(String, Map, String, String)}; a closure's wind-down stops when {@code timeLeft} says no. */
    public Map<String, Object> apply(String type, Map<String, Object> detail, String eventTime, String eventId,
                                     java.util.function.BooleanSupplier timeLeft) {
        String accountId = text(detail, "accountId");
        boolean applied = switch (type) {
            case "PlanChanged" -> {
                Plan plan = plan(detail);
                Integer limit = limit(detail, plan);
                Object paid = detail.get("paid");
                boolean isPaid = paid == null ? plan != Plan.FREE : Boolean.TRUE.equals(paid);
                yield decide(() -> accounts.applyPlan(accountId, plan, limit, isPaid, eventTime, eventId,
                        a -> updated(a, type, eventTime)));
            }
            case "SeatsChanged" -> {
                Account account = accounts.account(accountId).orElseThrow(() -> ApiException.notFound("Account"));
                if (account.plan() != Plan.TEAM) {
                    throw ApiException.invalid("seatLimit", "only TEAM accounts have a raised seat limit");
                }
                yield decide(() -> accounts.applyPlan(accountId, Plan.TEAM, limit(detail, Plan.TEAM), account.paid(), eventTime,
                        eventId, a -> updated(a, type, eventTime)));
            }
            case "AccountClosed" -> decide(() -> accounts.close(accountId, eventTime, eventId,
                    a -> updated(a, type, eventTime)));
            default -> throw ApiException.invalid("detail-type", "unknown billing event " + type);
        };
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accountId", accountId);
        result.put("type", type);
        result.put("outcome", applied ? "APPLIED" : "STALE");
        if ("AccountClosed".equals(type) && accounts.account(accountId).map(Account::closed).orElse(false)) {
            // also when STALE: a redelivered closure finishes what a crash left
            result.put("windDown", closure.windDown(accountId,
                    accounts.account(accountId).orElseThrow().closedAt(), timeLeft));
        }
        return result;
    }

    /** AccountUpdated for the account as the billing event leaves it; it commits with the change. */
    private static DomainEvent updated(Account account, String cause, String eventTime) {
        return DomainEvent.of(account.accountId(), eventTime, new Event.AccountUpdated(cause, account.plan(),
                account.seats(), account.seatsUsed(), account.paid(), account.closed()));
    }

    private static String text(Map<String, Object> detail, String field) {
        Object value = detail == null ? null : detail.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        return s;
    }

    private static Plan plan(Map<String, Object> detail) {
        try {
            return Plan.valueOf(text(detail, "plan").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "plan must be FREE, SOLO or TEAM");
        }
    }

    private static Integer limit(Map<String, Object> detail, Plan plan) {
        Object value = detail.get("seatLimit");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.intValue() < 1 || n.intValue() > 10_000) {
            throw ApiException.invalid("seatLimit", "must be a whole number from 1 to 10000");
        }
        if (plan != Plan.TEAM) {
            throw ApiException.invalid("seatLimit", "only TEAM accounts have a raised seat limit");
        }
        return n.intValue();
    }
}
