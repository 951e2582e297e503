package com.cloudphone.service;

import static com.cloudphone.testing.TableState.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.store.Table;
import com.cloudphone.testing.Faults;
import com.cloudphone.testing.LocalDynamo;
import com.cloudphone.testing.TableState;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write path under every kind of fault at the DynamoDB client ({@link Faults}): the n-th call fails, for n
 * from the first call to past the last one the path makes. The attempt either completes, or leaves no trace, or
 * (only where a path is several calls by design) leaves a part that the retry finishes; then the same request
 * again, or the step re-run, converges: the path's end state, every rule of {@link TableState#violations}, and one
 * event per change over the whole attempt and retry. docs/reliability.md has the table this prints.
 */
class FaultTableTest {
    /** What a case showed, for the table in docs/reliability.md: path, fault, outcomes of the faulty attempts. */
    private static final Map<String, Set<String>> SEEN = new TreeMap<>();

    /** One account's little world, built without faults; {@code faulty} is a backend on the same table through {@link Faults}. */
    static final class World {
        final TestBackend t = new TestBackend();
        final Faults faults = new Faults();
        final Backend faulty;
        Caller admin;
        final String account;
        final Map<String, String> ids = new HashMap<>();

        World(Plan plan, boolean paid) {
            faulty = new Backend(new Table(LocalDynamo.clientWith(faults), t.backend.table.name()), t.backend.tokens(),
                    t.bus, t.clock, 4, (name, input) -> { });
            admin = t.account(plan, paid, "fault-owner", "Owner-pass-1");
            account = admin.accountId();
        }

        Backend clean() {
            return t.backend;
        }

        String user(String name, String extension) {
            String id = clean().users.add(admin, new NewUser(UserKind.INTERNAL, name, null, "Welcome-2026", name,
                    extension, "Europe/London", null, false)).userId();
            ids.put(name, id);
            return id;
        }

        String number(String e164, String assignee) {
            clean().numberService.add(admin, e164);
            if (assignee != null) clean().numberService.assign(admin, e164, assignee);
            return e164;
        }

        TableState state() {
            return TableState.read(t.backend.table);
        }

        long count(TableState s, List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items,
                   String field, String value) {
            return items.stream().filter(i -> value.equals(s(i, field))).count();
        }
    }

    /** A write path: how to set its world up, the request (run once under a fault, then again), and its end state. */
    enum Path {
        ADD_USER(false, w -> { }, (w, b) -> b.users.add(w.admin, new NewUser(UserKind.INTERNAL, "newcomer", null,
                "Welcome-2026", "Newcomer", "2001", "Europe/London", null, false)),
                (w, s) -> s.logins().stream().filter(l -> "newcomer".equals(s(l, "username"))).count() == 1),
        ASSIGN(false, w -> { w.user("amy", "1001"); w.number("+14155550001", null); },
                (w, b) -> b.numberService.assign(w.admin, "+14155550001", w.ids.get("amy")),
                (w, s) -> w.ids.get("amy").equals(s(s.get("ACCOUNT#" + w.account, "NUMBER#+14155550001"), "assigneeUserId"))),
        REASSIGN(false, w -> { w.number("+14155550001", w.user("amy", "1001")); w.user("bob", "1002"); },
                (w, b) -> b.numberService.assign(w.admin, "+14155550001", w.ids.get("bob")),
                (w, s) -> w.ids.get("bob").equals(s(s.get("ACCOUNT#" + w.account, "NUMBER#+14155550001"), "assigneeUserId"))),
        RELEASE(true, w -> {
            w.number("+14155550001", w.user("amy", "1001"));
            w.number("+14155550002", null);
            for (int i = 0; i < 3; i++) w.clean().numberService.addContact(w.admin, "+14155550001", "Lead " + i, "+1312555000" + i);
        }, (w, b) -> b.numberService.release(w.admin, "+14155550001", "+14155550002"),
                (w, s) -> "RELEASED".equals(s(s.get("ACCOUNT#" + w.account, "NUMBER#+14155550001"), "state"))
                        && w.count(s, s.contacts(), "number", "+14155550002") == 3
                        && w.count(s, s.contacts(), "number", "+14155550001") == 0),
        RECYCLE(false, w -> {
            String amy = w.user("amy", "1001");
            w.number("+14155550001", amy);
            w.clean().callflows.create(w.admin, "Amy direct", CallflowKind.DIRECT, List.of("+14155550001"), amy, List.of());
        }, (w, b) -> b.numberService.recycle(w.admin, "+14155550001"),
                (w, s) -> "AVAILABLE".equals(s(s.get("ACCOUNT#" + w.account, "NUMBER#+14155550001"), "state"))
                        && s(s.get("ACCOUNT#" + w.account, "NUMBER#+14155550001"), "callflowId") == null),
        QUEUE_CREATE(false, w -> w.user("amy", "1001"), (w, b) -> b.queues.create(w.admin, "Fault queue", List.of(w.ids.get("amy"))),
                (w, s) -> w.count(s, s.queues(), "name", "Fault queue") == 1),
        QUEUE_REMOVE(false, w -> w.clean().queues.create(w.admin, "Support", List.of(w.user("amy", "1001"), w.user("bob", "1002"))),
                (w, b) -> b.queues.removeMember(w.admin, s(w.state().queues().get(0), "queueId"), w.ids.get("amy")),
                (w, s) -> !s.queues().get(0).get("members").ss().contains(w.ids.get("amy"))),
        CALLFLOW_CREATE(false, w -> { w.user("amy", "1001"); w.number("+14155550001", null); },
                (w, b) -> b.callflows.create(w.admin, "Fault line", CallflowKind.DIRECT, List.of("+14155550001"),
                        w.ids.get("amy"), List.of()),
                (w, s) -> w.count(s, s.callflows(), "name", "Fault line") == 1),
        CALLFLOW_REASSIGN(false, w -> {
            String amy = w.user("amy", "1001");
            w.number("+14155550001", null);
            w.number("+14155550002", null);
            w.ids.put("a", w.clean().callflows.create(w.admin, "A", CallflowKind.DIRECT, List.of("+14155550001", "+14155550002"), amy, List.of()).callflowId());
            w.ids.put("b", w.clean().callflows.create(w.admin, "B", CallflowKind.GROUP, List.of(), null, List.of(amy)).callflowId());
        }, (w, b) -> b.callflows.reassign(w.admin, w.ids.get("a"), w.ids.get("b")),
                (w, s) -> TableStateRead.numbers(s, w.account, w.ids.get("b")).size() == 2),
        DEVICE_IN(false, w -> w.user("amy", "1001"), (w, b) -> b.devices.logIn(w.admin, w.ids.get("amy"), DeviceKind.SOFTPHONE, "Fault phone"),
                (w, s) -> w.count(s, s.devices(), "name", "Fault phone") == 1),
        DEVICE_OUT(false, w -> w.ids.put("d", w.clean().devices.logIn(w.admin, w.user("amy", "1001"), DeviceKind.SOFTPHONE, "Phone").deviceId()),
                (w, b) -> { b.devices.logOut(w.admin, w.ids.get("amy"), w.ids.get("d")); return null; }, (w, s) -> s.devices().isEmpty()),
        DELETE(false, w -> w.user("amy", "1001"), (w, b) -> b.offboarding.deleteNow(w.admin, w.ids.get("amy")),
                (w, s) -> "REMOVED".equals(s(s.get("ACCOUNT#" + w.account, "USER#" + w.ids.get("amy")), "status"))),
        PURGE(true, w -> {
            w.clean().offboarding.deleteNow(w.admin, w.user("amy", "1001"));
            w.t.clock.advance(Duration.ofDays(29));
        }, (w, b) -> b.purge.purge(w.account, w.ids.get("amy")),
                (w, s) -> s(s.get("ACCOUNT#" + w.account, "TOMBSTONE#" + w.ids.get("amy")), "purgedAt") != null
                        && s.get("ACCOUNT#" + w.account, "USER#" + w.ids.get("amy")) == null
                        && s.get("LOGIN#" + w.ids.get("amy"), "LOGIN") == null),
        BILLING(false, w -> { }, (w, b) -> b.billing.apply("PlanChanged", Map.of("accountId", w.account, "plan", "TEAM",
                "seatLimit", 40), "2026-11-24T10:00:00Z", "ev-plan-1"),
                (w, s) -> "40".equals(s(s.get("ACCOUNT#" + w.account, "ACCOUNT"), "seats"))),
        CLOSE(true, w -> {
            String amy = w.user("amy", "1001");
            w.number("+14155550001", amy);
            w.clean().numberService.addContact(w.admin, "+14155550001", "Lead", "+13125550000");
            w.clean().queues.create(w.admin, "Support", List.of(amy));
            w.clean().devices.logIn(w.admin, amy, DeviceKind.SOFTPHONE, "Phone");
        }, (w, b) -> b.billing.apply("AccountClosed", Map.of("accountId", w.account), "2026-11-24T10:00:00Z",
                "ev-close-1"),
                (w, s) -> s.membersOf(w.account, false).isEmpty() && s.devices().isEmpty() && s.queues().isEmpty()
                        && s.contacts().isEmpty()),
        AGENCY_ROLES(true, null, null, (w, s) -> {
            var one = s.get("ACCOUNT#" + w.ids.get("sub1"), "USER#" + w.ids.get("x"));
            var two = s.get("ACCOUNT#" + w.ids.get("sub2"), "USER#" + w.ids.get("x"));
            return one != null && "ADMIN".equals(s(one, "role")) && two != null && "USER".equals(s(two, "role"))
                    && "ACTIVE".equals(s(two, "status"));
        }),
        OFFBOARD_STEPS(true, w -> {
            String amy = w.user("amy", "1001");
            String bob = w.user("bob", "1002");
            w.number("+14155550001", null);
            w.number("+14155550002", amy);
            w.clean().queues.create(w.admin, "Support", List.of(amy, bob));
            w.ids.put("a", w.clean().callflows.create(w.admin, "Amy", CallflowKind.DIRECT, List.of("+14155550001"), amy, List.of()).callflowId());
            w.ids.put("b", w.clean().callflows.create(w.admin, "Bob", CallflowKind.DIRECT, List.of(), bob, List.of()).callflowId());
            w.ids.put("g", w.clean().callflows.create(w.admin, "Group", CallflowKind.GROUP, List.of(), null, List.of(amy, bob)).callflowId());
        }, (w, b) -> {
            Map<String, Object> in = new HashMap<>(Map.of("accountId", w.account, "userId", w.ids.get("amy")));
            in.put("jobId", null);
            b.steps.removeFromQueues(in);
            b.steps.callflow(with(in, Map.of("callflowId", w.ids.get("a"), "action", "MOVE_NUMBERS", "targetCallflowId", w.ids.get("b"))));
            b.steps.callflow(with(in, Map.of("callflowId", w.ids.get("g"), "action", "DROP_FROM_GROUP")));
            b.steps.number(with(in, Map.of("number", "+14155550002", "action", "REASSIGN", "toUserId", w.ids.get("bob"))));
            b.steps.deleteUser(in);
            return null;
        }, (w, s) -> "REMOVED".equals(s(s.get("ACCOUNT#" + w.account, "USER#" + w.ids.get("amy")), "status")));

        final boolean severalCalls;
        final Consumer<World> setup;
        final java.util.function.BiFunction<World, Backend, Object> request;
        final java.util.function.BiPredicate<World, TableState> done;

        Path(boolean severalCalls, Consumer<World> setup, java.util.function.BiFunction<World, Backend, Object> request,
             java.util.function.BiPredicate<World, TableState> done) {
            this.severalCalls = severalCalls;
            this.setup = setup;
            this.request = request;
            this.done = done;
        }
    }

    private static Map<String, Object> with(Map<String, Object> in, Map<String, Object> item) {
        Map<String, Object> m = new HashMap<>(in);
        m.put("item", item);
        return m;
    }

    /** Reading a callflow's numbers from the raw state. */
    static final class TableStateRead {
        static List<String> numbers(TableState s, String account, String callflowId) {
            var cf = s.get("ACCOUNT#" + account, "CALLFLOW#" + callflowId);
            return cf == null || cf.get("numbers") == null ? List.of() : cf.get("numbers").l().stream().map(v -> v.s()).toList();
        }
    }

    /**
     * The cells where a retry after a lost answer, made here at the service without an Idempotency-Key, is a second
     * create: a fresh id each time. With a key it is replayed instead (http/IdempotentRetryTest; docs/reliability.md,
     * D3). The test checks these still duplicate without one, so a change there shows.
     */
    static final Set<Path> DUPLICATES_ON_RETRY = Set.of(Path.QUEUE_CREATE, Path.DEVICE_IN);

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Path p : Path.values()) {
            for (Faults.Kind k : Faults.Kind.values()) all.add(Arguments.of(p, k));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void completesOrLeavesNoTraceThenConverges(Path path, Faults.Kind kind) {
        int[] calls = kind == Faults.Kind.CONFLICT ? new int[] {1, 2} : new int[] {1, 2, 3, 4, 6, 9, 14, 21, 32, 48, 72};
        for (int n : calls) {
            World w = path == Path.AGENCY_ROLES ? agencyWorld() : new World(Plan.TEAM, true);
            if (path != Path.AGENCY_ROLES) path.setup.accept(w);
            TableState before = w.state();
            // a conflict: twice in a row is absorbed by the commit's own retries; nine outlast them (n = 2 here)
            w.faults.arm(kind, n == 2 && kind == Faults.Kind.CONFLICT ? 1 : n, kind == Faults.Kind.CONFLICT ? (n == 1 ? 2 : 9) : 1);
            String outcome;
            try {
                run(path, w, w.faulty);
                outcome = "COMPLETED";
            } catch (ApiException e) {
                outcome = "REFUSED:" + e.code();
            } catch (RuntimeException e) {
                assertTrue(Faults.injected(e) || e instanceof com.cloudphone.workflow.StepFailed, "unexpected " + e);
                outcome = "FAILED";
            }
            boolean fired = w.faults.fired() > 0;
            w.faults.disarm();
            TableState afterFault = w.state();
            String where = path + " under " + kind + " at call " + n;
            if (!fired) {
                assertEquals("COMPLETED", outcome, where + ": no fault left to fire, yet it did not complete");
                record(path, kind, "n=" + n + " past the last call: COMPLETED");
                break;
            }
            boolean untouched = afterFault.domain().equals(before.domain());
            boolean finished = path.done.test(w, afterFault);
            String trace = outcome.equals("COMPLETED") ? (finished ? "COMPLETED" : "COMPLETED?")
                    : untouched ? "NO_TRACE" : finished ? "APPLIED_ANSWER_LOST" : "PARTIAL";
            assertTrue(!trace.equals("COMPLETED?"), where + ": answered as done but its end state is not reached");
            assertTrue(!trace.equals("PARTIAL") || path.severalCalls, where + ": a one-transaction path left a part done");
            assertTrue(!trace.equals("APPLIED_ANSWER_LOST") || kind == Faults.Kind.TIMEOUT_AFTER_WRITE
                    || kind == Faults.Kind.CRASH || path.severalCalls, where + ": applied though the fault came before the write");
            // a path of several calls may show its middle (contacts still on a released number, a purge half
            // done) until it is run again; a one-call path never may
            List<String> broken = afterFault.violations(Map.of());
            assertTrue(broken.isEmpty() || trace.equals("PARTIAL") || trace.equals("APPLIED_ANSWER_LOST") && path.severalCalls,
                    where + ": " + broken);
            if (!broken.isEmpty()) trace += " (between calls: " + broken.get(0).replaceAll("[a-z]_[a-z0-9]{12}", "…") + ")";
            if (outcome.equals("COMPLETED")) {
                // the caller got its answer: nothing to retry
                assertEquals(TableState.owedEvents(before, afterFault), TableState.writtenEvents(before, afterFault), where);
                record(path, kind, "n=" + n + " " + trace);
                continue;
            }

            // the same request again (a client retry, a redelivered event, a re-run step)
            String retried;
            try {
                run(path, w, w.clean());
                retried = "OK";
            } catch (ApiException e) {
                retried = e.code().name();
            }
            TableState end = w.state();
            assertTrue(end.violations(Map.of()).isEmpty(), where + " after retry: " + end.violations(Map.of()));
            if (DUPLICATES_ON_RETRY.contains(path) && trace.equals("APPLIED_ANSWER_LOST")) {
                assertTrue(!path.done.test(w, end), where + ": the known duplicate is gone; flip the cell in DUPLICATES_ON_RETRY and the doc");
                record(path, kind, "n=" + n + " " + trace + ", retry " + retried + ": DUPLICATE without a key (D3)");
                continue;
            }
            assertTrue(path.done.test(w, end), where + ": the retry (" + retried + ") did not reach the end state");
            Map<String, Integer> owed = TableState.owedEvents(before, end);
            Map<String, Integer> written = TableState.writtenEvents(before, end);
            assertEquals(owed, written, where + ": events owed vs written over attempt and retry");
            record(path, kind, "n=" + n + " " + trace + ", retry " + retried);
        }
    }

    private static void run(Path path, World w, Backend b) {
        if (path == Path.AGENCY_ROLES) {
            b.agency.setRoles(w.admin, w.ids.get("x"), new TreeMap<>(Map.of(w.ids.get("sub1"), Role.ADMIN, w.ids.get("sub2"), Role.USER)));
        } else {
            path.request.apply(w, b);
        }
    }

    /** An agency (its admin is {@code w.admin}) with two sub-accounts; login x is a USER of the first only. */
    private static World agencyWorld() {
        World w = new World(Plan.TEAM, true);
        var agency = w.clean().accounts.open("Agency", Plan.TEAM, true, null, "agency-admin", "Owner-pass-1", null, true);
        Caller agencyAdmin = new Caller(agency.owner().userId(), agency.account().accountId(), "AGENCY_ADMIN");
        var sub1 = w.clean().accounts.open("Sub 1", Plan.TEAM, true, null, "sub1-owner", "Owner-pass-1", agency.account().accountId(), false);
        var sub2 = w.clean().accounts.open("Sub 2", Plan.TEAM, true, null, "sub2-owner", "Owner-pass-1", agency.account().accountId(), false);
        Caller sub1Admin = new Caller(sub1.owner().userId(), sub1.account().accountId(), "ADMIN");
        String x = w.clean().users.add(sub1Admin, new NewUser(UserKind.INTERNAL, "x", null, "Welcome-2026", "X", null,
                "Europe/London", null, false)).userId();
        w.ids.put("x", x);
        w.ids.put("sub1", sub1.account().accountId());
        w.ids.put("sub2", sub2.account().accountId());
        w.admin = agencyAdmin;
        return w;
    }

    private static void record(Path path, Faults.Kind kind, String what) {
        synchronized (SEEN) {
            SEEN.computeIfAbsent(path + " | " + kind, k -> new java.util.LinkedHashSet<>()).add(what);
        }
    }

    @AfterAll
    static void printTable() {
        SEEN.forEach((k, v) -> System.out.println("fault-table | " + k + " | " + String.join("; ", v)));
    }
}
