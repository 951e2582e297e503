package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Member;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Queue;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Call queues: creating them, listing them with members by extension, and taking a user out. */
public final class QueueService {
    private final QueueStore queues;
    private final Memberships memberships;
    private final Access access;
    private final Clock clock;

    public QueueService(QueueStore queues, Memberships memberships, Access access, Clock clock) {
        this.queues = queues;
        this.memberships = memberships;
        this.access = access;
        this.clock = clock;
    }

    public record MemberView(String userId, String extension, String displayName) {
    }

    public record QueueView(String queueId, String name, List<MemberView> members, String createdAt) {
    }

    public QueueView create(Caller caller, String name, List<String> memberUserIds) {
        access.admin(caller);
        Queue queue = new Queue(caller.accountId(), Ids.next("q"), name, memberUserIds.stream().distinct().toList(),
                clock.instant().toString());
        // read before the write: under an Idempotency-Key the write waits for the answer, which must not need a read
        Map<String, Member> members = membersById(caller.accountId());
        decide(() -> queues.create(queue, DomainEvent.of(caller.accountId(), queue.createdAt(),
                new Event.QueueCreated(queue.queueId(), queue.memberUserIds().size()))));
        return view(queue, members);
    }

    public Page<QueueView> list(Caller caller, PageRequest request) {
        access.admin(caller);
        Page<Queue> page = decide(() -> queues.list(caller.accountId(), request));
        Map<String, Member> members = membersById(caller.accountId());
        return page.map(q -> view(q, members));
    }

    /** remove-from-queue. Taking out someone who is not a member is a no-op, so retries are safe. */
    public QueueView removeMember(Caller caller, String queueId, String userId) {
        access.admin(caller);
        Queue before = queues.get(caller.accountId(), queueId).orElseThrow(() -> ApiException.notFound("Queue"));
        if (!decide(() -> queues.removeMember(caller.accountId(), queueId, userId, removed(caller.accountId(), queueId, userId)))) {
            return view(before, membersById(caller.accountId()));
        }
        Queue after = queues.get(caller.accountId(), queueId).orElseThrow(() -> ApiException.notFound("Queue"));
        return view(after, membersById(caller.accountId()));
    }

    /** Takes the user out of every queue of the account; returns the queues they were in. */
    public List<String> removeFromAll(String accountId, String userId) {
        List<String> removed = new ArrayList<>();
        for (Queue q : queues.list(accountId)) {
            if (q.memberUserIds().contains(userId)
                    && decide(() -> queues.removeMember(accountId, q.queueId(), userId, removed(accountId, q.queueId(), userId)))) {
                removed.add(q.queueId());
            }
        }
        return removed;
    }

    private DomainEvent removed(String accountId, String queueId, String userId) {
        return DomainEvent.of(accountId, clock.instant().toString(), new Event.UserRemovedFromQueue(queueId, userId));
    }

    private Map<String, Member> membersById(String accountId) {
        return memberships.members(accountId).stream().collect(Collectors.toMap(Member::userId, Function.identity()));
    }

    private static QueueView view(Queue q, Map<String, Member> members) {
        return new QueueView(q.queueId(), q.name(), q.memberUserIds().stream().map(id -> {
            Member m = members.get(id);
            return new MemberView(id, m == null ? null : m.extension(), m == null ? null : m.displayName());
        }).toList(), q.createdAt());
    }
}
