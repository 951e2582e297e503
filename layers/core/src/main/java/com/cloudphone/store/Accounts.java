package com.cloudphone.store;

import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.Plan;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Accounts: plan and seats as billing sets them, agencies and their sub-accounts, and closure. */
public interface Accounts {
    /** Creates an account with its first member, who takes the first seat. */
    void createAccount(Account account, Member owner, Login login, DomainEvent opened);

    Optional<Account> account(String accountId);

    /** The sub-accounts of an agency (GSI1 {@code AGENCY#<agencyAccountId>}). */
    List<Account> subAccounts(String agencyAccountId);

    /**
     * Applies billing's plan, seat limit and paid flag (PlanChanged, SeatsChanged). Events older than the last one
     * applied are ignored (false), so a late, out-of-order event cannot roll it back; one delivered twice applies
     * the same values twice. {@code announce} makes the event for the account as it will be, which commits with it.
     */
    boolean applyPlan(String accountId, Plan plan, Integer seatLimit, boolean paid, String eventTime,
                      String eventId, Function<Account, DomainEvent> announce);

    /**
     * Closes the account for good (billing's AccountClosed; ignored when older than the last event applied) and
     * marks every member with it, so the one member read of each request refuses access. Marking again after a
     * crash halfway is harmless: a redelivered event finishes the job.
     */
    boolean close(String accountId, String eventTime, String eventId, Function<Account, DomainEvent> announce);

    /** A closed account whose wind-down has not finished, and when it was closed. */
    record Closing(String accountId, String closedAt) {
    }

    /** The closed accounts whose wind-down has not finished. */
    List<Closing> closing();

    /** The wind-down of a closed account is finished: nothing is left to carry on. */
    void closed(String accountId);
}
