package com.cloudphone.testing;

import static com.cloudphone.testing.TableState.accountOf;
import static com.cloudphone.testing.TableState.s;

import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.Change;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.service.UserPatch;
import com.cloudphone.store.Table;
import com.cloudphone.workflow.StepFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A small world of five accounts (an agency with a TEAM and a SOLO sub-account, a FREE and a TEAM account) and the
 * operations the invariant properties draw at random. An {@link Op} holds only a kind and three numbers; what they
 * pick (which account, member, number...) is read from the table as it is before the operation, so any sequence of
 * ops is valid input and a refused operation (an {@link ApiException}) is a normal outcome.
 */
public final class Operations {
    public enum Kind {
        ADD_USER(14), ADD_NUMBER(9), ASSIGN(12), RELEASE(3), RECYCLE(5), CONTACT(4), QUEUE_CREATE(4), QUEUE_REMOVE(4),
        CALLFLOW_CREATE(5), CALLFLOW_REASSIGN(3), CALLFLOW_VERSION(3), CALLFLOW_DELETE(2), DEVICE_IN(5), DEVICE_OUT(4),
        PATCH(3), DELETE(5), OFFBOARD(4), PURGE(3), BILLING(4), CLOSE(1), AGENCY_ROLES(4), AGENCY_REMOVE(1);

        public final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One operation: a kind and three choices, each taken modulo what there is to choose from. */
    public record Op(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + "," + c + ")";
        }
    }

    /** What happened: APPLIED, or the code of the refusal. */
    public record Outcome(Op op, String result) {
    }

    public final TestBackend t = new TestBackend();
    public final Faults recorder = new Faults();
    /** Every item a step's writes touched, for reading back only those after it. */
    public final TouchedKeys touched = new TouchedKeys();
    public final Backend backend;
    public final Caller agencyAdmin;
    /** Account id to its owner, an ADMIN every operation in that account acts as. */
    public final Map<String, Caller> owners = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<String> subAccounts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private static final String PASSWORD = "Welcome-2026";

    public Operations() {
        Table table = new Table(LocalDynamo.clientWith(recorder, touched), t.backend.table.name());
        backend = new Backend(table, t.backend.tokens(), t.bus, t.clock, 4, (name, input) -> t.started.add(new String[] {name, input}));
        var agency = backend.accounts.open("Agency", Plan.TEAM, true, null, "agency-owner", PASSWORD, null, true);
        agencyAdmin = new Caller(agency.owner().userId(), agency.account().accountId(), "AGENCY_ADMIN");
        owners.put(agency.account().accountId(), agencyAdmin);
        open("Sub team", Plan.TEAM, true, agency.account().accountId());
        open("Sub solo", Plan.SOLO, true, agency.account().accountId());
        open("Free", Plan.FREE, false, null);
        open("Team", Plan.TEAM, true, null);
    }

    private void open(String name, Plan plan, boolean paid, String parent) {
        var opened = backend.accounts.open(name, plan, paid, null, "owner-" + names.incrementAndGet(), PASSWORD,
                parent, false);
        owners.put(opened.account().accountId(), new Caller(opened.owner().userId(), opened.account().accountId(), "ADMIN"));
        if (parent != null) subAccounts.add(opened.account().accountId());
    }

    /** A seeded sequence of {@code n} operations, kinds drawn by weight. */
    public static List<Op> sequence(long seed, int n) {
        Random random = new Random(seed);
        List<Op> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(new Op(kind(random.nextInt(TOTAL_WEIGHT)), random.nextInt(1 << 16), random.nextInt(1 << 16),
                    random.nextInt(1 << 16)));
        }
        return ops;
    }

    public static final int TOTAL_WEIGHT = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    public static Kind kind(int roll) {
        for (Kind k : Kind.values()) {
            if (roll < k.weight) return k;
            roll -= k.weight;
        }
        throw new IllegalArgumentException();
    }

    private static <T> Optional<T> pick(List<T> from, int choice) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(Math.floorMod(choice, from.size())));
    }

    private List<String> accounts() {
        synchronized (owners) {
            return new ArrayList<>(owners.keySet());
        }
    }

    private boolean isOwner(String accountId, String userId) {
        return owners.get(accountId).userId().equals(userId) || agencyAdmin.userId().equals(userId);
    }

    /** Members an operation may change: live, and not an account's owner or the agency admin. */
    private List<String> targets(TableState state, String accountId) {
        return state.membersOf(accountId, false).stream().map(m -> s(m, "userId"))
                .filter(u -> !isOwner(accountId, u)).toList();
    }

    private List<String> live(TableState state, String accountId) {
        return state.membersOf(accountId, false).stream().map(m -> s(m, "userId")).toList();
    }

    private static List<String> ids(List<Map<String, AttributeValue>> items, String field) {
        return items.stream().map(i -> s(i, field)).toList();
    }

    private static List<String> numbersIn(TableState state, String accountId, String... states) {
        List<String> wanted = List.of(states);
        return state.of(state.numbers(), accountId).stream()
                .filter(n -> wanted.isEmpty() || wanted.contains(s(n, "state"))).map(n -> s(n, "number")).toList();
    }

    /** Runs one operation against the table as {@code state} shows it; returns what happened. */
    public Outcome run(Op op, TableState state) {
        t.clock.advance(Duration.ofSeconds(1));
        try {
            return new Outcome(op, apply(op, state) ? "APPLIED" : "NOTHING_TO_DO");
        } catch (ApiException e) {
            return new Outcome(op, e.code().name());
        } catch (StepFailed e) {
            return new Outcome(op, "STEP_FAILED");
        }
    }

    private boolean apply(Op op, TableState state) {
        String accountId = pick(accounts(), op.a()).orElseThrow();
        if (owners.get(accountId) == null) return false; // closed by a concurrent step
        Caller admin = owners.get(accountId);
        int b = op.b();
        int c = op.c();
        switch (op.kind()) {
            case ADD_USER -> {
                int n = names.incrementAndGet();
                // now and then an existing username or an extension in use: the refusals are part of the test
                String username = b % 10 == 0 && n > 1 ? "user" + (1 + c % (n - 1)) : "user" + n;
                String extension = c % 4 == 0 ? null : Integer.toString(1000 + c % 30);
                boolean invited = b % 5 == 1;
                backend.users.add(admin, new NewUser(invited ? UserKind.INVITED : UserKind.INTERNAL,
                        invited ? null : username, invited ? username + "@example.com" : null, invited ? null : PASSWORD,
                        "User " + n, extension, "Europe/London", null, b % 7 == 0));
            }
            case ADD_NUMBER -> backend.numberService.add(admin, "+1415555" + (1000 + b % 40));
            case ASSIGN -> {
                var number = pick(numbersIn(state, accountId), b);
                var user = pick(live(state, accountId), c);
                if (number.isEmpty() || user.isEmpty()) return false;
                backend.numberService.assign(admin, number.get(), user.get());
            }
            case RELEASE -> {
                var number = pick(numbersIn(state, accountId), b);
                var heir = pick(numbersIn(state, accountId), c);
                if (number.isEmpty() || heir.isEmpty()) return false;
                backend.numberService.release(admin, number.get(), heir.get());
            }
            case RECYCLE -> {
                var number = pick(numbersIn(state, accountId), b);
                if (number.isEmpty()) return false;
                backend.numberService.recycle(admin, number.get());
            }
            case CONTACT -> {
                var number = pick(numbersIn(state, accountId), b);
                if (number.isEmpty()) return false;
                backend.numberService.addContact(admin, number.get(), "Lead " + c, "+1415000" + (1000 + c % 9000));
            }
            case QUEUE_CREATE -> {
                List<String> users = live(state, accountId);
                if (users.isEmpty()) return false;
                List<String> members = new ArrayList<>();
                for (int i = 0; i <= c % 3; i++) members.add(pick(users, b + i * 7).orElseThrow());
                backend.queues.create(admin, "Queue " + b, members);
            }
            case QUEUE_REMOVE -> {
                var queue = pick(state.of(state.queues(), accountId), b);
                if (queue.isEmpty()) return false;
                List<String> members = TableState.strings(queue.get(), "members");
                String user = members.isEmpty() || c % 5 == 0 ? pick(live(state, accountId), c).orElse("u_nobody")
                        : pick(members, c).orElseThrow();
                backend.queues.removeMember(admin, s(queue.get(), "queueId"), user);
            }
            case CALLFLOW_CREATE -> {
                List<String> users = live(state, accountId);
                if (users.isEmpty()) return false;
                List<String> numbers = new ArrayList<>();
                List<String> free = numbersIn(state, accountId, "AVAILABLE", "ASSIGNED");
                for (int i = 0; i < c % 3 && !free.isEmpty(); i++) numbers.add(pick(free, b + i).orElseThrow());
                if (b % 2 == 0) {
                    backend.callflows.create(admin, "Direct " + b, CallflowKind.DIRECT, numbers, pick(users, c).orElseThrow(), List.of());
                } else {
                    List<String> dial = new ArrayList<>();
                    for (int i = 0; i <= c % 3; i++) dial.add(pick(users, c + i * 3).orElseThrow());
                    backend.callflows.create(admin, "Group " + b, CallflowKind.GROUP, numbers, null, dial);
                }
            }
            case CALLFLOW_REASSIGN -> {
                List<String> cfs = ids(state.of(state.callflows(), accountId), "callflowId");
                var source = pick(cfs, b);
                var target = pick(cfs, c);
                if (source.isEmpty()) return false;
                backend.callflows.reassign(admin, source.get(), target.get());
            }
            case CALLFLOW_VERSION -> {
                var cf = pick(ids(state.of(state.callflows(), accountId), "callflowId"), b);
                List<String> users = live(state, accountId);
                if (cf.isEmpty() || users.isEmpty()) return false;
                List<String> dial = new ArrayList<>();
                for (int i = 0; i <= c % 3; i++) dial.add(pick(users, c + i * 5).orElseThrow());
                backend.callflows.newVersion(admin, cf.get(), dial);
            }
            case CALLFLOW_DELETE -> {
                var cf = pick(state.of(state.callflows(), accountId), b);
                if (cf.isEmpty()) return false;
                List<String> versions = TableState.versionStatuses(cf.get());
                var available = versions.stream().filter(v -> v.endsWith(":AVAILABLE")).toList();
                if (c % 2 == 0 && !available.isEmpty()) {
                    backend.callflows.deleteVersion(admin, s(cf.get(), "callflowId"),
                            Integer.parseInt(pick(available, c).orElseThrow().split(":")[0]));
                } else {
                    backend.callflows.delete(admin, s(cf.get(), "callflowId"));
                }
            }
            case DEVICE_IN -> {
                var user = pick(live(state, accountId), b);
                if (user.isEmpty()) return false;
                backend.devices.logIn(admin, user.get(), c % 2 == 0 ? DeviceKind.SOFTPHONE : DeviceKind.DESK_PHONE, "Phone " + c);
            }
            case DEVICE_OUT -> {
                var device = pick(state.of(state.devices(), accountId), b);
                if (device.isEmpty()) return false;
                backend.devices.logOut(admin, s(device.get(), "userId"), s(device.get(), "deviceId"));
            }
            case PATCH -> {
                var user = pick(targets(state, accountId), b);
                if (user.isEmpty()) return false;
                UserPatch patch = c % 2 == 0
                        ? UserPatch.NONE.withExtension(Change.to(Integer.toString(1000 + c % 30)))
                        : UserPatch.NONE.withAdmin(c % 3 == 0);
                backend.users.patch(admin, user.get(), patch);
            }
            case DELETE -> {
                var user = pick(targets(state, accountId), b);
                if (user.isEmpty()) return false;
                backend.offboarding.deleteNow(admin, user.get());
            }
            case OFFBOARD -> {
                var user = pick(targets(state, accountId), b);
                if (user.isEmpty()) return false;
                offboard(state, accountId, admin, user.get(), c);
            }
            case PURGE -> {
                t.clock.advance(switch (b % 3) {
                    case 0 -> Duration.ZERO;
                    case 1 -> Duration.ofHours(1 + c % 48);
                    default -> Duration.ofDays(29);
                });
                backend.purge.sweep();
            }
            case BILLING -> {
                Plan plan = Plan.values()[b % 3];
                Map<String, Object> detail = new HashMap<>(Map.of("accountId", accountId));
                String type;
                if (c % 3 == 0) {
                    type = "SeatsChanged";
                    detail.put("seatLimit", 2 + c % 30);
                } else {
                    type = "PlanChanged";
                    detail.put("plan", plan.name());
                    if (plan == Plan.TEAM && c % 2 == 0) detail.put("seatLimit", 26 + c % 10);
                }
                // now and then a late event, older than the last one applied: it must change nothing
                String at = b % 9 == 0 ? t.clock.instant().minusSeconds(3600).toString() : t.clock.instant().toString();
                backend.billing.apply(type, detail, at);
            }
            case CLOSE -> {
                if (accountId.equals(agencyAdmin.accountId())) return false;
                backend.billing.apply("AccountClosed", Map.of("accountId", accountId), t.clock.instant().toString());
                // the closed account stays in the table (and under the rules); a new one takes its place in the draw
                if (owners.remove(accountId) != null) {
                    boolean sub = subAccounts.remove(accountId);
                    var closed = TableState.s(state.get("ACCOUNT#" + accountId, "ACCOUNT"), "plan");
                    open("Reopened", Plan.valueOf(closed), !closed.equals("FREE"), sub ? agencyAdmin.accountId() : null);
                }
            }
            case AGENCY_ROLES -> {
                List<String> logins = new ArrayList<>();
                for (String sub : subAccounts) logins.addAll(targets(state, sub));
                var user = pick(logins.stream().distinct().toList(), b);
                if (user.isEmpty()) return false;
                Map<String, Role> roles = new TreeMap<>();
                for (int i = 0; i < subAccounts.size(); i++) {
                    int bits = c >> (2 * i);
                    if ((bits & 1) == 1) roles.put(subAccounts.get(i), (bits & 2) == 2 ? Role.ADMIN : Role.USER);
                }
                backend.agency.setRoles(agencyAdmin, user.get(), roles);
            }
            case AGENCY_REMOVE -> {
                List<String> logins = new ArrayList<>();
                for (String sub : subAccounts) logins.addAll(targets(state, sub));
                var user = pick(logins.stream().distinct().toList(), b);
                if (user.isEmpty()) return false;
                String jobId = backend.agency.removeEverywhere(agencyAdmin, user.get()).jobId();
                runAgencyRemoval(jobId, user.get());
            }
        }
        return true;
    }

    /** The steps the state machine would run for an agency-wide removal, in order, as its tasks. */
    private void runAgencyRemoval(String jobId, String userId) {
        String[] started = t.started.get(t.started.size() - 1);
        Map<String, Object> input = com.cloudphone.json.Json.parseObject(started[1]);
        try {
            for (Object account : (List<?>) input.get("accounts")) {
                backend.steps.removeFromAccount(Map.of("jobId", jobId, "accountId", agencyAdmin.accountId(),
                        "userId", userId, "item", account));
            }
        } catch (StepFailed failed) {
            // the Catch: RecordFailure undoes the accounts already left
            backend.steps.recordFailure(Map.of("jobId", jobId, "accountId", agencyAdmin.accountId(), "error",
                    Map.of("Error", StepFailed.ERROR_NAME, "Cause",
                            com.cloudphone.json.Json.write(Map.of("errorMessage", failed.getMessage())))));
            throw failed;
        }
        backend.steps.finishAgencyRemoval(Map.of("jobId", jobId, "accountId", agencyAdmin.accountId(), "userId", userId));
    }

    /**
     * Offboarding as the workflow runs it: a plan made from the user's blockers (direct lines move their numbers
     * to another callflow, groups drop the user, numbers go to someone else, back to the pool or out of service),
     * then each step in order. A step that fails stops the run, as a failed state would.
     */
    private void offboard(TableState state, String accountId, Caller admin, String userId, int choice) {
        List<OffboardingPlan.CallflowAction> callflows = new ArrayList<>();
        List<String> cfs = new ArrayList<>();
        for (var cf : state.of(state.callflows(), accountId)) {
            if (!TableState.named(cf).contains(userId)) continue;
            String id = s(cf, "callflowId");
            if ("DIRECT".equals(s(cf, "kind"))) {
                var target = state.of(state.callflows(), accountId).stream()
                        .filter(o -> !TableState.named(o).contains(userId)).map(o -> s(o, "callflowId")).findFirst();
                callflows.add(new OffboardingPlan.CallflowAction(id, OffboardingPlan.CallflowActionKind.MOVE_NUMBERS,
                        target.orElse(null)));
            } else {
                callflows.add(new OffboardingPlan.CallflowAction(id, OffboardingPlan.CallflowActionKind.DROP_FROM_GROUP, null));
            }
            cfs.add(id);
        }
        List<OffboardingPlan.NumberAction> numbers = new ArrayList<>();
        List<String> others = live(state, accountId).stream().filter(u -> !u.equals(userId)).toList();
        for (var n : state.of(state.numbers(), accountId)) {
            if (!"ASSIGNED".equals(s(n, "state")) || !userId.equals(s(n, "assigneeUserId"))) continue;
            String number = s(n, "number");
            int how = Math.floorMod(choice + number.hashCode(), 3);
            if (how == 0 && !others.isEmpty()) {
                numbers.add(new OffboardingPlan.NumberAction(number, OffboardingPlan.NumberActionKind.REASSIGN,
                        pick(others, choice).orElseThrow(), null));
            } else if (how == 1) {
                var heir = state.of(state.numbers(), accountId).stream()
                        .filter(h -> !"RELEASED".equals(s(h, "state")) && !userId.equals(s(h, "assigneeUserId")))
                        .map(h -> s(h, "number")).findFirst();
                numbers.add(new OffboardingPlan.NumberAction(number, OffboardingPlan.NumberActionKind.RELEASE, null,
                        heir.orElse(null)));
            } else {
                numbers.add(new OffboardingPlan.NumberAction(number, OffboardingPlan.NumberActionKind.RECYCLE, null, null));
            }
        }
        String jobId = backend.offboarding.start(admin, userId, new OffboardingPlan(true, callflows, numbers)).jobId();
        Function<Map<String, Object>, Map<String, Object>> in = extra -> {
            Map<String, Object> m = new HashMap<>(Map.of("jobId", jobId, "accountId", accountId, "userId", userId));
            m.putAll(extra);
            return m;
        };
        backend.steps.removeFromQueues(in.apply(Map.of("queues", "REMOVE_ALL")));
        for (var a : callflows) {
            Map<String, Object> item = new HashMap<>(Map.of("callflowId", a.callflowId(), "action", a.action().name()));
            if (a.targetCallflowId() != null) item.put("targetCallflowId", a.targetCallflowId());
            backend.steps.callflow(in.apply(Map.of("item", item)));
        }
        for (var a : numbers) {
            Map<String, Object> item = new HashMap<>(Map.of("number", a.number(), "action", a.action().name()));
            if (a.toUserId() != null) item.put("toUserId", a.toUserId());
            if (a.contactsHeir() != null) item.put("contactsHeir", a.contactsHeir());
            backend.steps.number(in.apply(Map.of("item", item)));
        }
        // the state machine logs devices out before the delete step only when the admin asks; here they stay,
        // so a user still logged in is refused at the delete, as in the workflow
        backend.steps.deleteUser(in.apply(Map.of()));
    }

    public String account(TableState state, Map<String, AttributeValue> item) {
        return accountOf(item);
    }
}
