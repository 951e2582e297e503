package com.cloudphone.http;

import static com.cloudphone.http.Input.Presence.OPTIONAL;

import com.cloudphone.model.Ids;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the offboarding plan: {queues, callflows: [...], numbers: [...]}, naming every malformed entry. */
public final class OffboardingRequests {
    /** More than a user can depend on: a callflow or number entry must name one of their own. */
    static final int MAX_ENTRIES = 200;

    private OffboardingRequests() {
    }

    public static OffboardingPlan plan(ApiRequest request) {
        Input in = request.input(Set.of("queues", "callflows", "numbers"));
        String queues = in.exact("queues", OPTIONAL);
        if (queues != null && !queues.equals("REMOVE_ALL")) {
            in.problem("queues", "must be REMOVE_ALL (or left out when the user is in no queue)");
        }
        List<CallflowAction> callflows = new ArrayList<>();
        Set<String> seenCallflows = new HashSet<>();
        for (Map<?, ?> entry : list(in, "callflows")) {
            Object rawId = entry.get("callflowId");
            String id = rawId instanceof String text ? text : "";
            String field = "callflows[" + id + "]";
            if (!Ids.isId(id)) {
                in.problem("callflows", "every entry needs a callflowId, which " + Ids.FORMAT);
                continue;
            }
            if (!seenCallflows.add(id)) {
                in.problem(field, "appears more than once");
            }
            CallflowActionKind action = kind(in, field + ".action", entry.get("action"), CallflowActionKind.class);
            unknown(in, field, entry, Set.of("callflowId", "action", "targetCallflowId"));
            String target = string(in, field, entry, "targetCallflowId");
            if (action == CallflowActionKind.MOVE_NUMBERS && target == null) {
                in.problem(field + ".targetCallflowId", "is required to MOVE_NUMBERS");
            } else if (target != null && !Ids.isId(target)) {
                in.problem(field + ".targetCallflowId", Ids.FORMAT);
            }
            if (action != null) {
                callflows.add(new CallflowAction(id, action, target));
            }
        }
        List<NumberAction> numbers = new ArrayList<>();
        Set<String> seenNumbers = new HashSet<>();
        for (Map<?, ?> entry : list(in, "numbers")) {
            Object rawNumber = entry.get("number");
            String number = rawNumber instanceof String text ? text : String.valueOf(rawNumber);
            String field = "numbers[" + number + "]";
            if (!Rules.isE164(number)) {
                in.problem("numbers", "every entry needs an E.164 number, got '" + number + "'");
                continue;
            }
            if (!seenNumbers.add(number)) {
                in.problem(field, "appears more than once");
            }
            NumberActionKind action = kind(in, field + ".action", entry.get("action"), NumberActionKind.class);
            unknown(in, field, entry, Set.of("number", "action", "toUserId", "contactsHeir"));
            String toUserId = string(in, field, entry, "toUserId");
            String heir = string(in, field, entry, "contactsHeir");
            if (action == NumberActionKind.REASSIGN && toUserId == null) {
                in.problem(field + ".toUserId", "is required to REASSIGN");
            } else if (toUserId != null && !Ids.isId(toUserId)) {
                in.problem(field + ".toUserId", Ids.FORMAT);
            }
            if (action == NumberActionKind.RELEASE && heir == null) {
                in.problem(field + ".contactsHeir", "an E.164 number is required to RELEASE");
            } else if (heir != null && !Rules.isE164(heir)) {
                in.problem(field + ".contactsHeir", "must be an E.164 number such as +14155550100");
            }
            if (action != null) {
                numbers.add(new NumberAction(number, action, toUserId, heir));
            }
        }
        in.done();
        return new OffboardingPlan("REMOVE_ALL".equals(queues), callflows, numbers);
    }

    private static List<Map<?, ?>> list(Input in, String field) {
        Object node = in.value(field);
        List<Map<?, ?>> entries = new ArrayList<>();
        if (node == null) {
            return entries;
        }
        if (!(node instanceof List<?> items)) {
            in.problem(field, "must be a list");
            return entries;
        }
        if (items.size() > MAX_ENTRIES) {
            in.problem(field, "must hold at most " + MAX_ENTRIES + " entries");
            return entries;
        }
        for (Object entry : items) {
            if (entry instanceof Map<?, ?> object) {
                entries.add(object);
            } else {
                in.problem(field, "entries must be objects");
            }
        }
        return entries;
    }

    /** An optional member of an entry as sent: null when absent; a null or a value that is not a string is refused. */
    private static String string(Input in, String entryField, Map<?, ?> entry, String field) {
        if (!entry.containsKey(field)) {
            return null;
        }
        Object value = entry.get(field);
        if (value instanceof String text) {
            return text;
        }
        in.problem(entryField + "." + field, value == null ? "must not be null" : "must be a string");
        return null;
    }

    /** Members the document does not give an entry are refused, as unknown top-level fields are. */
    private static void unknown(Input in, String entryField, Map<?, ?> entry, Set<String> known) {
        for (Object name : entry.keySet()) {
            if (!known.contains(name)) {
                in.problem(entryField + "." + name, "is not a field of this entry");
            }
        }
    }

    private static <E extends Enum<E>> E kind(Input in, String field, Object value, Class<E> type) {
        try {
            return Enum.valueOf(type, value instanceof String s ? s : "");
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) names.add(constant.name());
            in.problem(field, "must be one of " + names);
            return null;
        }
    }
}
