package com.cloudphone.testing;

import com.cloudphone.store.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Every item of a table, read raw with one consistent scan, and the rules the items must keep between them. The
 * checks read attributes by name, not through the project's stores, so a store that writes the wrong thing cannot
 * also read it back as right.
 */
public final class TableState {
    /** pk + "|" + sk to the item. */
    public final Map<String, Map<String, AttributeValue>> items;
    /** The same items by kind ("ACCOUNT|USER", "EVENTS|", ...), each in key order; built on first use. */
    private Map<String, TreeMap<String, Map<String, AttributeValue>>> kinds;

    private TableState(Map<String, Map<String, AttributeValue>> items) {
        this.items = items;
    }

    public static TableState read(Table table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items()
                .forEach(i -> items.put(keyOf(i), i));
        return new TableState(items);
    }

    /**
     * Reads the items under {@code keys} again and changes this state in place (no copy of the rest, so a step
     * costs its own items however large the table grows); returns the state as it was before, as a view that
     * differs from this one only under those keys.
     */
    public TableState advance(Table table, List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> fresh = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> wanted = Map.of(table.name(), KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            while (!wanted.isEmpty()) {
                Map<String, KeysAndAttributes> asking = wanted;
                BatchGetItemResponse got = table.client().batchGetItem(b -> b.requestItems(asking));
                got.responses().getOrDefault(table.name(), List.of()).forEach(i -> fresh.put(keyOf(i), i));
                wanted = got.unprocessedKeys();
            }
        }
        Map<String, Map<String, AttributeValue>> old = new HashMap<>();
        for (Map<String, AttributeValue> key : keys) {
            String k = keyOf(key);
            Map<String, AttributeValue> now = fresh.get(k);
            Map<String, AttributeValue> was = now == null ? items.remove(k) : items.put(k, now);
            if (!old.containsKey(k)) old.put(k, was);
            if (kinds != null) {
                if (now == null) kindOf(k).remove(k);
                else kindOf(k).put(k, now);
            }
        }
        return new TableState(new Overlay(items, old));
    }

    /**
     * The items of {@code live} but under the keys of {@code old}, which hold what they held before (null: absent).
     * Meant to be read before the state advances again; iterating it copies the live items once.
     */
    private static final class Overlay extends java.util.AbstractMap<String, Map<String, AttributeValue>> {
        private final Map<String, Map<String, AttributeValue>> live;
        private final Map<String, Map<String, AttributeValue>> old;
        private TreeMap<String, Map<String, AttributeValue>> copy;

        Overlay(Map<String, Map<String, AttributeValue>> live, Map<String, Map<String, AttributeValue>> old) {
            this.live = live;
            this.old = old;
        }

        @Override
        public Map<String, AttributeValue> get(Object key) {
            return old.containsKey(key) ? old.get(key) : live.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Map<String, AttributeValue>>> entrySet() {
            if (copy == null) {
                copy = new TreeMap<>(live);
                old.forEach((k, v) -> {
                    if (v == null) copy.remove(k);
                    else copy.put(k, v);
                });
            }
            return copy.entrySet();
        }
    }

    private static String kind(String key) {
        int bar = key.indexOf('|');
        String pk = key.substring(0, bar);
        String sk = key.substring(bar + 1);
        int p = pk.indexOf('#');
        int q = 0;
        while (q < sk.length() && (Character.isUpperCase(sk.charAt(q)) || sk.charAt(q) == '_')) q++;
        return (p < 0 ? pk : pk.substring(0, p)) + "|" + sk.substring(0, q);
    }

    private TreeMap<String, Map<String, AttributeValue>> kindOf(String key) {
        return kinds.computeIfAbsent(kind(key), x -> new TreeMap<>());
    }

    /** The keys whose items differ between two states (a missing item counts as different). */
    public static List<String> differences(TableState a, TableState b) {
        Set<String> keys = new TreeSet<>(a.items.keySet());
        keys.addAll(b.items.keySet());
        return keys.stream().filter(k -> !Objects.equals(a.items.get(k), b.items.get(k))).toList();
    }

    // ---- reading ----

    /** The key this state files an item (or a key) under: pk + "|" + sk. */
    public static String keyOf(Map<String, AttributeValue> item) {
        return s(item, "pk") + "|" + s(item, "sk");
    }

    public static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }

    static long n(Map<String, AttributeValue> item, String name) {
        String v = s(item, name);
        return v == null ? 0 : Long.parseLong(v);
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) return List.of();
        if (v.hasSs()) return v.ss();
        if (v.hasL()) return v.l().stream().map(AttributeValue::s).toList();
        return List.of();
    }

    private Map<String, TreeMap<String, Map<String, AttributeValue>>> kinds() {
        if (kinds == null) {
            kinds = new HashMap<>();
            items.forEach((k, i) -> kindOf(k).put(k, i));
        }
        return kinds;
    }

    private List<Map<String, AttributeValue>> where(String pkPrefix, String skPrefix) {
        String pkKind = pkPrefix.substring(0, pkPrefix.indexOf('#'));
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        kinds().forEach((kind, of) -> {
            String[] parts = kind.split("\\|", -1);
            if (!parts[0].equals(pkKind) || !(skPrefix.startsWith(parts[1]) || parts[1].startsWith(skPrefix))) return;
            of.forEach((k, i) -> {
                if (s(i, "pk").startsWith(pkPrefix) && s(i, "sk").startsWith(skPrefix)) out.add(i);
            });
        });
        return out;
    }

    public Map<String, AttributeValue> get(String pk, String sk) {
        return items.get(pk + "|" + sk);
    }

    public static String accountOf(Map<String, AttributeValue> item) {
        return s(item, "pk").substring("ACCOUNT#".length());
    }

    public List<Map<String, AttributeValue>> accounts() { return where("ACCOUNT#", "ACCOUNT"); }
    public List<Map<String, AttributeValue>> members() { return where("ACCOUNT#", "USER#"); }
    public List<Map<String, AttributeValue>> numbers() { return where("ACCOUNT#", "NUMBER#"); }
    public List<Map<String, AttributeValue>> contacts() { return where("ACCOUNT#", "CONTACT#"); }
    public List<Map<String, AttributeValue>> queues() { return where("ACCOUNT#", "QUEUE#"); }
    public List<Map<String, AttributeValue>> callflows() { return where("ACCOUNT#", "CALLFLOW#"); }
    public List<Map<String, AttributeValue>> devices() { return where("ACCOUNT#", "DEVICE#"); }
    public List<Map<String, AttributeValue>> tombstones() { return where("ACCOUNT#", "TOMBSTONE#"); }
    public List<Map<String, AttributeValue>> logins() { return where("LOGIN#", "LOGIN"); }
    public List<Map<String, AttributeValue>> events() { return where("EVENTS#", ""); }

    /** How many outbox events the table holds (without listing them). */
    public int eventCount() {
        return kinds().entrySet().stream().filter(e -> e.getKey().startsWith("EVENTS|")).mapToInt(e -> e.getValue().size()).sum();
    }

    public List<Map<String, AttributeValue>> membersOf(String accountId, boolean includeRemoved) {
        return where("ACCOUNT#" + accountId, "USER#").stream()
                .filter(m -> s(m, "pk").equals("ACCOUNT#" + accountId))
                .filter(m -> includeRemoved || !"REMOVED".equals(s(m, "status"))).toList();
    }

    public List<Map<String, AttributeValue>> of(List<Map<String, AttributeValue>> all, String accountId) {
        return all.stream().filter(i -> s(i, "pk").equals("ACCOUNT#" + accountId)).toList();
    }

    /** The user ids every version of a callflow names (direct line user and dial lists). */
    public static Set<String> named(Map<String, AttributeValue> callflow) {
        Set<String> ids = new HashSet<>();
        AttributeValue versions = callflow.get("versions");
        if (versions != null && versions.hasL()) {
            for (AttributeValue v : versions.l()) {
                Map<String, AttributeValue> m = v.m();
                if (m.get("userId") != null) ids.add(m.get("userId").s());
                String dial = m.get("dialUserIds") == null ? "" : m.get("dialUserIds").s();
                if (!dial.isEmpty()) ids.addAll(List.of(dial.split(",")));
            }
        }
        return ids;
    }

    static List<String> versionStatuses(Map<String, AttributeValue> callflow) {
        AttributeValue versions = callflow.get("versions");
        if (versions == null || !versions.hasL()) return List.of();
        return versions.l().stream().map(v -> v.m().get("version").s() + ":" + v.m().get("status").s()).toList();
    }

    // ---- the rules ----

    /**
     * Each account's admin count (its ADMINS item) is what its members add up to, and it never reaches none while
     * the account is open: an admin who can sign in, and in an agency account an agency admin.
     */
    private void adminCountViolations(List<String> v) {
        Map<String, long[]> holding = new HashMap<>();
        Set<String> agencies = new HashSet<>();
        for (Map<String, AttributeValue> m : members()) {
            String acc = accountOf(m);
            boolean agencyAdmin = "AGENCY_ADMIN".equals(s(m, "role"));
            long[] count = holding.computeIfAbsent(acc, k -> new long[2]);
            if (agencyAdmin) agencies.add(acc);
            boolean holds = !"USER".equals(s(m, "role")) && "ACTIVE".equals(s(m, "status"))
                    && !(m.containsKey("suspended") && Boolean.TRUE.equals(m.get("suspended").bool()));
            if (holds) {
                count[0]++;
                if (agencyAdmin) count[1]++;
            }
        }
        for (Map<String, AttributeValue> a : accounts()) {
            String id = accountOf(a);
            long[] count = holding.getOrDefault(id, new long[2]);
            Map<String, AttributeValue> stored = get("ACCOUNT#" + id, "ADMINS");
            if (stored == null) {
                v.add("account " + id + " has no admin count");
                continue;
            }
            if (n(stored, "admins") != count[0] || n(stored, "agencyAdmins") != count[1]) {
                v.add("account " + id + ": admin count " + n(stored, "admins") + "/" + n(stored, "agencyAdmins")
                        + " but members hold " + count[0] + "/" + count[1]);
            }
            boolean open = s(a, "closedAt") == null;
            if (open && count[0] == 0) v.add("open account " + id + " has no admin who can sign in");
            if (open && s(a, "parentAccountId") == null && agencies.contains(id) && count[1] == 0) {
                v.add("open agency " + id + " has no agency admin who can sign in");
            }
        }
    }

    /**
     * Every broken rule, as a sentence. {@code seatAllowance}: per account, the seats in use when billing last
     * lowered the cap below them (a downgrade removes nobody); seats used may stay above the cap, never grow there.
     */
    public List<String> violations(Map<String, Long> seatAllowance) {
        List<String> v = new ArrayList<>();
        Map<String, Map<String, AttributeValue>> memberById = new HashMap<>();
        Map<String, Integer> holdingSeats = new HashMap<>();
        members().forEach(m -> {
            memberById.put(accountOf(m) + "/" + s(m, "userId"), m);
            if (!"REMOVED".equals(s(m, "status"))) holdingSeats.merge(accountOf(m), 1, Integer::sum);
        });

        for (Map<String, AttributeValue> a : accounts()) {
            String id = accountOf(a);
            long used = n(a, "seatsUsed");
            long seats = n(a, "seats");
            long holding = holdingSeats.getOrDefault(id, 0);
            long allowed = Math.max(seats, seatAllowance.getOrDefault(id, 0L));
            if (used > allowed) v.add("account " + id + ": " + used + " seats used of " + seats);
            if (used != holding) v.add("account " + id + ": seatsUsed " + used + " but " + holding + " ACTIVE/INVITED members");
        }
        adminCountViolations(v);
        for (Map<String, AttributeValue> i : where("ACCOUNT#", "")) {
            String pk = s(i, "pk");
            if (pk.startsWith("ACCOUNT#") && i.containsKey("accountId") && !accountOf(i).equals(s(i, "accountId"))) {
                v.add("item " + pk + "|" + s(i, "sk") + " names account " + s(i, "accountId"));
            }
        }
        for (Map<String, AttributeValue> m : members()) {
            String acc = accountOf(m);
            String status = s(m, "status");
            if ("REMOVED".equals(status) && get("ACCOUNT#" + acc, "TOMBSTONE#" + s(m, "userId")) == null) {
                v.add("removed member " + acc + "/" + s(m, "userId") + " has no tombstone");
            }
            if (!"REMOVED".equals(status) && get("LOGIN#" + s(m, "userId"), "LOGIN") == null) {
                v.add("member " + acc + "/" + s(m, "userId") + " has no login");
            }
        }
        for (Map<String, AttributeValue> t : tombstones()) {
            String acc = accountOf(t);
            Map<String, AttributeValue> m = memberById.get(acc + "/" + s(t, "userId"));
            if (t.containsKey("purgedAt") && m != null) v.add("purged member " + acc + "/" + s(t, "userId") + " still has a member item");
            if (!t.containsKey("purgedAt") && (m == null || !"REMOVED".equals(s(m, "status")))) {
                v.add("pending tombstone of " + acc + "/" + s(t, "userId") + " but the member is not REMOVED");
            }
        }
        // numbers: one owner account, ASSIGNED to exactly one live member of it, routed only by its own callflows
        Map<String, String> ownerOfNumber = new HashMap<>();
        for (Map<String, AttributeValue> n : numbers()) {
            String acc = accountOf(n);
            String e164 = s(n, "number");
            String state = s(n, "state");
            if (state == null) v.add("number " + acc + "/" + e164 + " has no state");
            String previous = ownerOfNumber.put(e164, acc);
            if (previous != null) v.add("number " + e164 + " is in accounts " + previous + " and " + acc);
            Map<String, AttributeValue> claim = get("CLAIM#" + e164, "UNIQUE");
            if (claim == null || !acc.equals(s(claim, "owner"))) v.add("number " + e164 + " of " + acc + " is not claimed by it");
            String assignee = s(n, "assigneeUserId");
            if ("ASSIGNED".equals(state)) {
                Map<String, AttributeValue> m = assignee == null ? null : memberById.get(acc + "/" + assignee);
                if (m == null || "REMOVED".equals(s(m, "status"))) {
                    v.add("ASSIGNED number " + acc + "/" + e164 + " has no live assignee of its account (" + assignee + ")");
                }
                String gsi = s(n, "gsi1pk");
                if (!("ACCOUNT#" + acc + "#ASSIGNEE#" + assignee).equals(gsi)) v.add("number " + e164 + " indexed under " + gsi);
            } else if (assignee != null) {
                v.add(state + " number " + acc + "/" + e164 + " still names assignee " + assignee);
            }
            String cf = s(n, "callflowId");
            if (cf != null) {
                Map<String, AttributeValue> routing = get("ACCOUNT#" + acc, "CALLFLOW#" + cf);
                if ("RELEASED".equals(state)) v.add("RELEASED number " + e164 + " is still routed by " + cf);
                else if (routing == null || !strings(routing, "numbers").contains(e164)) {
                    v.add("number " + acc + "/" + e164 + " says callflow " + cf + " routes it, which does not");
                }
            }
        }
        for (Map<String, AttributeValue> c : contacts()) {
            String acc = accountOf(c);
            Map<String, AttributeValue> n = get("ACCOUNT#" + acc, "NUMBER#" + s(c, "number"));
            if (n == null) v.add("contact " + s(c, "sk") + " of " + acc + " hangs off no number of the account");
            else if ("RELEASED".equals(s(n, "state"))) v.add("contact " + s(c, "sk") + " on RELEASED number " + s(c, "number"));
        }
        // uniqueness: extensions per account, usernames across logins, and claims that agree with their owners
        Map<String, String> extensions = new HashMap<>();
        for (Map<String, AttributeValue> m : members()) {
            if ("REMOVED".equals(s(m, "status")) || s(m, "extension") == null) continue;
            String key = accountOf(m) + "/" + s(m, "extension");
            String other = extensions.put(key, s(m, "userId"));
            if (other != null) v.add("extension " + key + " held by " + other + " and " + s(m, "userId"));
            Map<String, AttributeValue> claim = get("ACCOUNT#" + accountOf(m), "EXT#" + s(m, "extension"));
            if (claim == null || !s(m, "userId").equals(s(claim, "owner"))) v.add("extension " + key + " is not claimed by its holder");
        }
        for (Map<String, AttributeValue> i : where("ACCOUNT#", "EXT#")) {
            String key = accountOf(i) + "/" + s(i, "sk").substring(4);
            if (!Objects.equals(extensions.get(key), s(i, "owner"))) v.add("extension claim " + key + " owned by " + s(i, "owner") + " who does not hold it");
        }
        Map<String, String> usernames = new HashMap<>();
        for (Map<String, AttributeValue> l : logins()) {
            if (s(l, "username") == null) continue;
            String name = s(l, "username").toLowerCase(Locale.ROOT);
            String other = usernames.put(name, s(l, "userId"));
            if (other != null) v.add("username " + name + " held by " + other + " and " + s(l, "userId"));
            Map<String, AttributeValue> claim = get("USERNAME#" + name, "UNIQUE");
            if (claim == null || !s(l, "userId").equals(s(claim, "owner"))) v.add("username " + name + " is not claimed by its login");
        }
        // dependencies name only live members of the same account
        for (Map<String, AttributeValue> q : queues()) {
            for (String u : strings(q, "members")) {
                Map<String, AttributeValue> m = memberById.get(accountOf(q) + "/" + u);
                if (m == null || "REMOVED".equals(s(m, "status"))) v.add("queue " + s(q, "sk") + " of " + accountOf(q) + " names removed or foreign member " + u);
            }
        }
        for (Map<String, AttributeValue> c : callflows()) {
            String acc = accountOf(c);
            for (String u : named(c)) {
                Map<String, AttributeValue> m = memberById.get(acc + "/" + u);
                if (m == null || "REMOVED".equals(s(m, "status"))) v.add("callflow " + s(c, "sk") + " of " + acc + " names removed or foreign member " + u);
            }
            for (String e164 : strings(c, "numbers")) {
                Map<String, AttributeValue> n = get("ACCOUNT#" + acc, "NUMBER#" + e164);
                if (n == null || !s(c, "callflowId").equals(s(n, "callflowId"))) {
                    v.add("callflow " + s(c, "callflowId") + " of " + acc + " routes " + e164 + ", which is not its number routed by it");
                }
            }
            long active = versionStatuses(c).stream().filter(x -> x.endsWith(":ACTIVE")).count();
            if (active > 1) v.add("callflow " + s(c, "callflowId") + " has " + active + " ACTIVE versions");
        }
        for (Map<String, AttributeValue> d : devices()) {
            Map<String, AttributeValue> m = memberById.get(accountOf(d) + "/" + s(d, "userId"));
            if (m == null || "REMOVED".equals(s(m, "status"))) v.add("device " + s(d, "sk") + " of " + accountOf(d) + " belongs to removed member " + s(d, "userId"));
        }
        return v;
    }

    // ---- what changed, and the events it owes ----

    /**
     * The events the change from {@code before} to {@code after} owes, one per changed thing, as "Type subject"
     * (docs/events.md). Compared with the outbox items the same step wrote, it shows each committed change has
     * exactly one event and no event lacks its change.
     */
    public static Map<String, Integer> owedEvents(TableState before, TableState after) {
        Set<String> keys = new HashSet<>(before.items.keySet());
        keys.addAll(after.items.keySet());
        return owedEvents(before, after, keys);
    }

    /** {@link #owedEvents(TableState, TableState)} when only the items under {@code keys} may differ. */
    public static Map<String, Integer> owedEvents(TableState before, TableState after, java.util.Collection<String> keys) {
        Map<String, Integer> owed = new TreeMap<>();
        for (String key : keys) {
            Map<String, AttributeValue> b = before.items.get(key);
            Map<String, AttributeValue> a = after.items.get(key);
            if (Objects.equals(a, b)) continue;
            Map<String, AttributeValue> any = a != null ? a : b;
            String pk = s(any, "pk");
            String sk = s(any, "sk");
            if (!pk.startsWith("ACCOUNT#")) continue;
            String acc = accountOf(any);
            if (sk.equals("ACCOUNT")) {
                if (b == null) owe(owed, "AccountOpened " + acc);
                else if (b != null && a != null && !Objects.equals(s(b, "billingAt"), s(a, "billingAt"))) owe(owed, "AccountUpdated " + acc);
            } else if (sk.startsWith("USER#")) {
                String u = acc + "/" + s(any, "userId");
                String was = b == null ? null : s(b, "status");
                String is = a == null ? null : s(a, "status");
                if (a == null) continue; // erased by a purge: UserPurged is owed by the tombstone
                // a new account's owner comes with AccountOpened; agency admins joining it are each a UserAdded
                boolean owner = b == null && before.get(pk, "ACCOUNT") == null && !"AGENCY_ADMIN".equals(s(a, "role"));
                if (owner) continue;
                if (b == null || ("REMOVED".equals(was) && !"REMOVED".equals(is))) owe(owed, "UserAdded " + u);
                else if (!"REMOVED".equals(was) && "REMOVED".equals(is)) owe(owed, "UserRemoved " + u);
                else if (!"REMOVED".equals(is) && !settings(b).equals(settings(a))) owe(owed, "UserUpdated " + u);
            } else if (sk.startsWith("TOMBSTONE#")) {
                if (a != null && a.containsKey("purgedAt") && (b == null || !b.containsKey("purgedAt"))) {
                    owe(owed, "UserPurged " + acc + "/" + s(a, "userId"));
                }
            } else if (sk.startsWith("NUMBER#")) {
                String n = acc + "/" + s(any, "number");
                if (b == null) { owe(owed, "NumberAdded " + n); continue; }
                String was = s(b, "state");
                String is = s(a, "state");
                if ("RELEASED".equals(is) && !"RELEASED".equals(was)) owe(owed, "NumberReleased " + n);
                else if ("ASSIGNED".equals(is) && !Objects.equals(s(b, "assigneeUserId"), s(a, "assigneeUserId"))) owe(owed, "NumberAssigned " + n);
                else if ("AVAILABLE".equals(is) && ("ASSIGNED".equals(was)
                        || (s(b, "callflowId") != null && s(a, "callflowId") == null))) owe(owed, "NumberRecycled " + n);
            } else if (sk.startsWith("CALLFLOW#")) {
                String c = acc + "/" + s(any, "callflowId");
                if (b == null) { owe(owed, "CallflowCreated " + c); continue; }
                Set<String> numbersBefore = new HashSet<>(strings(b, "numbers"));
                Set<String> numbersAfter = a == null ? Set.of() : new HashSet<>(strings(a, "numbers"));
                // numbers that left this callflow for another one of the account: a reassignment
                for (String gone : numbersBefore) {
                    if (numbersAfter.contains(gone)) continue;
                    Map<String, AttributeValue> n = after.get("ACCOUNT#" + acc, "NUMBER#" + gone);
                    String now = n == null ? null : s(n, "callflowId");
                    if (now != null && !now.equals(s(b, "callflowId"))) { owe(owed, "CallflowReassigned " + c); break; }
                }
                if (a == null && !owed.containsKey("CallflowReassigned " + c) && movedByOffboarding(before, after, keys, acc, s(b, "callflowId"))) {
                    owe(owed, "CallflowReassigned " + c);
                }
                if (a == null) { owe(owed, "CallflowDeleted " + c); continue; }
                List<String> vb = versionStatuses(b);
                List<String> va = versionStatuses(a);
                if (va.stream().anyMatch(x -> x.endsWith(":ACTIVE") && !vb.contains(x))) owe(owed, "CallflowVersionSaved " + c);
                if (vb.stream().map(x -> x.split(":")[0]).anyMatch(x -> va.stream().noneMatch(y -> y.startsWith(x + ":")))) {
                    owe(owed, "CallflowVersionsDeleted " + c);
                }
            } else if (sk.startsWith("QUEUE#")) {
                String q = acc + "/" + s(any, "queueId");
                if (b == null) { owe(owed, "QueueCreated " + q); continue; }
                if (a == null) { owe(owed, "QueueDeleted " + q); continue; }
                for (String u : strings(b, "members")) {
                    if (!strings(a, "members").contains(u)) owe(owed, "UserRemovedFromQueue " + q + "/" + u);
                }
            } else if (sk.startsWith("DEVICE#")) {
                String d = acc + "/" + s(any, "deviceId");
                if (b == null) owe(owed, "DeviceLoggedIn " + d);
                else if (a == null) {
                    // a purge erases the sessions of a member it erases, without a logout
                    if (after.get("ACCOUNT#" + acc, "USER#" + s(b, "userId")) != null) owe(owed, "DeviceLoggedOut " + d);
                }
            } else if (sk.startsWith("CONTACT#") && b == null) {
                // a contact moving to its heir keeps its id: that move is NumberReleased's, not a new contact
                String id = s(a, "contactId");
                boolean moved = before.contacts().stream().anyMatch(x -> accountOf(x).equals(acc) && id.equals(s(x, "contactId")));
                if (!moved) owe(owed, "ContactAdded " + acc + "/" + id);
            } else if (sk.startsWith("JOB#") && a != null) {
                owedByUndo(b, a, owed);
            }
        }
        return owed;
    }

    /**
     * A stopped agency removal undone within this change: each account it took the login out of and put it back in
     * shows no difference in the member's item, yet that account saw a UserRemoved and a UserAdded.
     */
    private static void owedByUndo(Map<String, AttributeValue> before, Map<String, AttributeValue> after,
                                   Map<String, Integer> owed) {
        AttributeValue undo = after.containsKey("steps") ? after.get("steps").m().get("undo") : null;
        boolean recordedBefore = before != null && before.containsKey("steps") && before.get("steps").m().containsKey("undo");
        if (undo == null || recordedBefore) return;
        try {
            for (var restored : TestJson.MAPPER.readTree(undo.s()).path("restored")) {
                String u = restored.asText() + "/" + s(after, "userId");
                owe(owed, "UserRemoved " + u);
                owe(owed, "UserAdded " + u);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("job step undo is not JSON: " + undo.s(), e);
        }
    }

    /**
     * Whether an offboarding job of the account recorded, within this change, that it moved numbers of this
     * callflow before deleting it. The numbers may have left the target again in the same change (a recycle
     * takes a number out of its callflow), so their items alone cannot tell.
     */
    private static boolean movedByOffboarding(TableState before, TableState after, java.util.Collection<String> keys,
                                              String acc, String callflowId) {
        String step = "callflow:" + callflowId;
        for (String key : keys) {
            Map<String, AttributeValue> job = after.items.get(key);
            if (job == null || !s(job, "pk").equals("ACCOUNT#" + acc) || !s(job, "sk").startsWith("JOB#") || !job.containsKey("steps")) continue;
            AttributeValue result = job.get("steps").m().get(step);
            Map<String, AttributeValue> was = before.items.get(key);
            if (result == null || (was != null && was.containsKey("steps") && was.get("steps").m().containsKey(step))) continue;
            try {
                var moved = TestJson.MAPPER.readTree(result.s()).path("numbersMoved");
                if (moved.isArray() && !moved.isEmpty()) return true;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("job step " + step + " is not JSON: " + result.s(), e);
            }
        }
        return false;
    }

    /** The events written between two states, as "Type subject". */
    public static Map<String, Integer> writtenEvents(TableState before, TableState after) {
        return writtenEvents(before, after, after.items.keySet());
    }

    /** {@link #writtenEvents(TableState, TableState)} when only the items under {@code keys} may differ. */
    public static Map<String, Integer> writtenEvents(TableState before, TableState after, java.util.Collection<String> keys) {
        Map<String, Integer> written = new TreeMap<>();
        for (String key : keys) {
            Map<String, AttributeValue> e = after.items.get(key);
            if (e == null || !s(e, "pk").startsWith("EVENTS#") || before.items.containsKey(key)) continue;
            owe(written, subject(e));
        }
        return written;
    }

    static String subject(Map<String, AttributeValue> event) {
        String type = s(event, "type");
        String acc = s(event, "accountId");
        Map<String, Object> d = com.cloudphone.json.Json.parseObject(s(event, "detail"));
        Object id = switch (type) {
            case "AccountUpdated", "AccountOpened" -> null;
            case "UserRemovedFromQueue" -> d.get("queueId") + "/" + d.get("userId");
            case "QueueCreated", "QueueDeleted" -> d.get("queueId");
            case "DeviceLoggedIn", "DeviceLoggedOut" -> d.get("deviceId");
            case "ContactAdded" -> d.get("contactId");
            default -> d.containsKey("callflowId") ? d.get("callflowId") : d.containsKey("number") ? d.get("number") : d.get("userId");
        };
        return type + " " + acc + (id == null ? "" : "/" + id);
    }

    private static void owe(Map<String, Integer> counts, String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private static Map<String, String> settings(Map<String, AttributeValue> member) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("role", "extension", "displayName", "email", "timezone", "suspended", "leadRouting")) {
            AttributeValue v = member.get(f);
            m.put(f, v == null ? null : v.toString());
        }
        return m;
    }

    /** The items a refused or failed request must not have changed: all but idempotency claims and jobs. */
    public Map<String, Map<String, AttributeValue>> domain() {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        items.forEach((k, i) -> {
            if (!k.startsWith("IDEMPOTENCY#") && !s(i, "sk").startsWith("JOB#")) out.put(k, i);
        });
        return out;
    }
}
