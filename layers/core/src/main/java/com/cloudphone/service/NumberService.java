package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.Contact;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Member;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.store.CallflowStore;
import com.cloudphone.store.NumberStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Numbers of an account: adding, assigning (and reassigning), and the contacts that follow them. */
public final class NumberService {
    private final NumberStore numbers;
    private final CallflowStore callflows;
    private final Access access;
    private final Clock clock;

    public NumberService(NumberStore numbers, CallflowStore callflows, Access access, Clock clock) {
        this.numbers = numbers;
        this.callflows = callflows;
        this.access = access;
        this.clock = clock;
    }

    public PhoneNumber add(Caller caller, String number) {
        access.admin(caller);
        String now = clock.instant().toString();
        PhoneNumber added = new PhoneNumber(caller.accountId(), number, NumberState.AVAILABLE, null, null, now);
        decide(() -> numbers.add(added, DomainEvent.of(caller.accountId(), now, new Event.NumberAdded(number))));
        return added;
    }

    /** Admins see all numbers (optionally one state); a user sees the numbers assigned to them. */
    public Page<PhoneNumber> list(Caller caller, NumberState state, PageRequest request) {
        Member me = access.member(caller);
        Predicate<PhoneNumber> inState = n -> state == null || n.state() == state;
        return me.isAdmin() ? decide(() -> numbers.list(caller.accountId(), request, inState))
                : decide(() -> numbers.assignedTo(caller.accountId(), me.userId(), request, inState));
    }

    /**
     * docs/rules.md rule 5.2: an AVAILABLE number, or one ASSIGNED to another user of the account (its contacts and future
     * calls follow it, since they hang off the number). Assigning to the current assignee changes nothing.
     */
    public PhoneNumber assign(Caller caller, String number, String userId) {
        access.admin(caller);
        return assign(caller.accountId(), number, userId);
    }

    PhoneNumber assign(String accountId, String number, String userId) {
        PhoneNumber seen = numbers.get(accountId, number).orElseThrow(() -> ApiException.notFound("Number"));
        if (seen.state() == NumberState.RELEASED) {
            throw new ApiException(ErrorCode.INVALID_STATE, "A released number is out of service and cannot be assigned");
        }
        if (seen.state() == NumberState.ASSIGNED && userId.equals(seen.assigneeUserId())) {
            return seen;
        }
        String now = clock.instant().toString();
        PhoneNumber updated = new PhoneNumber(seen.accountId(), number, NumberState.ASSIGNED, userId, seen.callflowId(), now);
        decide(() -> numbers.assign(seen, updated, DomainEvent.of(accountId, now,
                new Event.NumberAssigned(number, userId, seen.assigneeUserId()))));
        return updated;
    }

    /** release-number: out of service for good; its contacts move to {@code heir}, another number in service. */
    public PhoneNumber release(Caller caller, String number, String heir) {
        access.admin(caller);
        return release(caller.accountId(), number, heir);
    }

    /** Also the offboarding step: releasing a number already RELEASED only moves the contacts a crash left. */
    public PhoneNumber release(String accountId, String number, String heir) {
        PhoneNumber seen = numbers.get(accountId, number).orElseThrow(() -> ApiException.notFound("Number"));
        if (heir.equals(number)) {
            throw ApiException.invalid("contactsHeir", "must be another number than the one released");
        }
        PhoneNumber heirNumber = numbers.get(accountId, heir)
                .filter(h -> h.state() != NumberState.RELEASED)
                .orElseThrow(() -> ApiException.invalid("contactsHeir", "must be a number of the account that is in service"));
        String now = clock.instant().toString();
        PhoneNumber released = new PhoneNumber(accountId, number, NumberState.RELEASED, null, null, now);
        // the contacts it has now; none can be added once it is RELEASED
        int contacts = numbers.contacts(accountId, number).size();
        decide(() -> numbers.release(seen, released, heirNumber.number(), routing(seen), DomainEvent.of(
                accountId, now, new Event.NumberReleased(number, heir, contacts, null))));
        return seen.state() == NumberState.RELEASED ? seen : released;
    }

    /** Recycling (deactivation): back to AVAILABLE in the account, unassigned and unrouted, still owned. */
    public PhoneNumber recycle(Caller caller, String number) {
        access.admin(caller);
        return recycle(caller.accountId(), number);
    }

    PhoneNumber recycle(String accountId, String number) {
        PhoneNumber seen = numbers.get(accountId, number).orElseThrow(() -> ApiException.notFound("Number"));
        if (seen.state() == NumberState.RELEASED) {
            throw new ApiException(ErrorCode.INVALID_STATE, "A released number is out of service and cannot be recycled");
        }
        if (seen.state() == NumberState.AVAILABLE && seen.callflowId() == null) {
            return seen;
        }
        String now = clock.instant().toString();
        PhoneNumber recycled = new PhoneNumber(accountId, number, NumberState.AVAILABLE, null, null, now);
        decide(() -> numbers.recycle(seen, recycled, routing(seen), DomainEvent.of(accountId, now,
                new Event.NumberRecycled(number, seen.assigneeUserId()))));
        return recycled;
    }

    /** Offboarding: give the leaving user's number to another user; done already if it no longer is theirs. */
    public PhoneNumber reassignFor(String accountId, String number, String leavingUserId, String toUserId) {
        PhoneNumber seen = numbers.get(accountId, number).orElseThrow(() -> ApiException.notFound("Number"));
        if (!leavingUserId.equals(seen.assigneeUserId())) {
            return seen;
        }
        return assign(accountId, number, toUserId);
    }

    /** Offboarding: recycle the leaving user's number; done already if it no longer is theirs. */
    public PhoneNumber recycleFor(String accountId, String number, String leavingUserId) {
        PhoneNumber seen = numbers.get(accountId, number).orElseThrow(() -> ApiException.notFound("Number"));
        if (!leavingUserId.equals(seen.assigneeUserId())) {
            return seen;
        }
        return recycle(accountId, number);
    }

    private Callflow routing(PhoneNumber n) {
        return n.callflowId() == null ? null : callflows.get(n.accountId(), n.callflowId()).orElse(null);
    }

    public Optional<PhoneNumber> find(String accountId, String number) {
        return numbers.get(accountId, number);
    }

    public List<PhoneNumber> assignedTo(String accountId, String userId) {
        return decide(() -> numbers.assignedTo(accountId, userId));
    }

    /** Admins add contacts to any number; a user only to a number assigned to them. */
    public Contact addContact(Caller caller, String number, String name, String phone) {
        Member me = access.member(caller);
        PhoneNumber target = numbers.get(caller.accountId(), number).orElseThrow(() -> ApiException.notFound("Number"));
        if (!me.isAdmin() && !me.userId().equals(target.assigneeUserId())) {
            throw ApiException.forbidden("Users can only add contacts to their own numbers");
        }
        Contact contact = new Contact(caller.accountId(), number, Ids.next("c"), name, phone, clock.instant().toString());
        decide(() -> numbers.addContact(contact, DomainEvent.of(caller.accountId(), contact.createdAt(),
                new Event.ContactAdded(number, contact.contactId()))));
        return contact;
    }

    /** The contacts a user owns: those of every number assigned to them. */
    public List<Contact> contactsOf(Caller caller, String userId) {
        access.selfOrAdminOn(caller, userId);
        return decide(() -> numbers.assignedTo(caller.accountId(), userId)).stream()
                .flatMap(n -> numbers.contacts(caller.accountId(), n.number()).stream())
                .toList();
    }
}
