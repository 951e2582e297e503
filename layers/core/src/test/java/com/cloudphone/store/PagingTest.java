package com.cloudphone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.service.Caller;
import com.cloudphone.service.CallflowService.CallflowView;
import com.cloudphone.service.QueueService.QueueView;
import com.cloudphone.service.UserView;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every list that can grow, read a page at a time on moto: each item exactly once, in the list's order, the last
 * page ending with a null cursor; a cursor of another account or list, or one that was never made here, is a 400
 * naming {@code cursor} and reads nothing.
 */
class PagingTest {
    private final TestBackend t = new TestBackend();
    private final Scenario a = new Scenario(t, Plan.TEAM, true);
    private final Scenario b = new Scenario(t, Plan.TEAM, true);

    /** Every page of a list, from the first, with this limit; checks no page is longer and only the last ends. */
    private static <T> List<List<T>> walk(int limit, Function<PageRequest, Page<T>> list) {
        List<List<T>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int i = 0; i < 100; i++) {
            Page<T> page = list.apply(request);
            assertTrue(page.items().size() <= limit, "a page longer than its limit: " + page.items().size());
            pages.add(page.items());
            if (page.nextCursor() == null) {
                return pages;
            }
            assertFalse(page.items().isEmpty(), "a page with nothing on it yet a cursor");
            request = request.after(page.nextCursor());
        }
        throw new AssertionError("the cursor never ended");
    }

    private static <T> List<T> all(List<List<T>> pages) {
        return pages.stream().flatMap(List::stream).toList();
    }

    private static void refusedCursor(Runnable read) {
        ApiException e = assertThrows(ApiException.class, read::run);
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of(new FieldProblem("cursor", PageRequest.CURSOR_RULE)), e.details());
    }

    private List<String> users(Scenario s, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(s.user(String.valueOf(2000 + i + (s == a ? 0 : 100))).userId());
        }
        return ids;
    }

    @Test
    void aFilterThatSkipsMostItemsGivesShortPagesThatStillResumeWhereReadingStopped() {
        String owner = a.user("3001").userId();
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String n = a.number("+141555510" + String.format("%02d", i));
            if (i == 3 || i >= 57) {
                t.backend.numberService.assign(a.admin, n, owner);
                assigned.add(n);
            }
        }
        PageQuery<NumberItem> numbers = PageQuery.table(t.backend.table.numbers(), a.admin.accountId(), Keys.NUMBER_PREFIX)
                .scanBudget(10);
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        PageRequest request = PageRequest.first(5);
        for (int i = 0; i < 20; i++) {
            Page<String> page = numbers.page(request, n -> n.toNumber(), n -> n.state() == NumberState.ASSIGNED)
                    .map(n -> n.number());
            seen.addAll(page.items());
            sizes.add(page.items().size());
            if (page.nextCursor() == null) {
                break;
            }
            request = request.after(page.nextCursor());
        }
        assertEquals(assigned, seen, "every match once, in order, across the short pages");
        assertTrue(sizes.size() > 1 && sizes.stream().anyMatch(s -> s < 4), "the budget cut pages short: " + sizes);
    }

    @Test
    void usersComeEachOnceInIdOrderAcrossPages() {
        List<String> expected = new ArrayList<>(users(a, 6));
        expected.add(a.admin.userId());
        expected.sort(null);
        var pages = walk(3, r -> t.backend.users.list(a.admin, r));
        assertEquals(expected, all(pages).stream().map(UserView::userId).toList());
        assertEquals(List.of(3, 3, 1), pages.stream().map(List::size).toList());
    }

    @Test
    void aFullLastPageEndsWithANullCursorRatherThanAnEmptyPage() {
        users(a, 5); // with the owner: 6 members, two pages of 3
        var pages = walk(3, r -> t.backend.users.list(a.admin, r));
        assertEquals(List.of(3, 3), pages.stream().map(List::size).toList());
    }

    @Test
    void removedMembersDoNotCountTowardsAPage() {
        List<String> ids = users(a, 6);
        for (String gone : List.of(ids.get(1), ids.get(2), ids.get(4))) {
            t.backend.deletion.delete(a.admin, gone);
        }
        var listed = all(walk(2, r -> t.backend.users.list(a.admin, r))).stream().map(UserView::userId).toList();
        assertEquals(4, listed.size(), listed.toString());
        assertTrue(listed.stream().noneMatch(u -> u.equals(ids.get(1)) || u.equals(ids.get(2)) || u.equals(ids.get(4))));
    }

    @Test
    void aUserSeesOnlyThemselfOnOneLastPage() {
        UserView user = a.user("3001");
        users(a, 3);
        Page<UserView> page = t.backend.users.list(a.as(user), PageRequest.first(1));
        assertEquals(List.of(user.userId()), page.items().stream().map(UserView::userId).toList());
        assertNull(page.nextCursor());
        String adminCursor = t.backend.users.list(a.admin, PageRequest.first(1)).nextCursor();
        refusedCursor(() -> t.backend.users.list(a.as(user), PageRequest.first(1).after(adminCursor)));
    }

    @Test
    void numbersPageInNumberOrderAndAStateFilterStillFillsEachPage() {
        String owner = a.user("3001").userId();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            numbers.add(a.number("+1415555010" + i));
        }
        List<String> assigned = List.of(numbers.get(1), numbers.get(4), numbers.get(5), numbers.get(8));
        for (String n : assigned) {
            t.backend.numberService.assign(a.admin, n, owner);
        }
        assertEquals(numbers, all(walk(4, r -> t.backend.numberService.list(a.admin, null, r))).stream()
                .map(n -> n.number()).toList());
        var pages = walk(2, r -> t.backend.numberService.list(a.admin, NumberState.ASSIGNED, r));
        assertEquals(assigned, all(pages).stream().map(n -> n.number()).toList());
        assertEquals(List.of(2, 2), pages.stream().map(List::size).toList(), "pages are filled past the filtered-out numbers");
        // the assignee's own list comes from gsi1, a page at a time too
        assertEquals(assigned, all(walk(3, r -> t.backend.numberService.list(new Caller(owner, a.admin.accountId(), "USER"),
                null, r))).stream().map(n -> n.number()).toList());
    }

    @Test
    void callsComeNewestFirstAcrossPagesAndTheUserFilterPagesToo() {
        String amy = a.user("3001").userId();
        String bob = a.user("3002").userId();
        String to = a.number("+14155550100");
        List<String> all = new ArrayList<>();
        List<String> amys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String who = i % 3 == 0 ? bob : amy;
            var call = t.backend.calls.record(a.admin, "+1312555010" + i, to, who, i, "2026-11-2" + i + "T10:00:00Z");
            all.add(0, call.callId());
            if (who.equals(amy)) {
                amys.add(0, call.callId());
            }
        }
        assertEquals(all, all(walk(3, r -> t.backend.calls.list(a.admin, null, r))).stream().map(c -> c.callId()).toList());
        assertEquals(amys, all(walk(2, r -> t.backend.calls.list(a.admin, amy, r))).stream().map(c -> c.callId()).toList());
        assertEquals(amys, all(walk(4, r -> t.backend.calls.list(new Caller(amy, a.admin.accountId(), "USER"), null, r)))
                .stream().map(c -> c.callId()).toList());
        // a cursor of one user's calls is not one of the whole log's, nor of another user's
        String amyCursor = t.backend.calls.list(a.admin, amy, PageRequest.first(1)).nextCursor();
        refusedCursor(() -> t.backend.calls.list(a.admin, null, PageRequest.first(1).after(amyCursor)));
        refusedCursor(() -> t.backend.calls.list(a.admin, bob, PageRequest.first(1).after(amyCursor)));
    }

    @Test
    void queuesAndCallflowsComeEachOnceInIdOrder() {
        String amy = a.user("3001").userId();
        List<String> queues = new ArrayList<>();
        List<String> callflows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queues.add(t.backend.queues.create(a.admin, "Queue " + i, List.of(amy)).queueId());
            callflows.add(t.backend.callflows.create(a.admin, "Flow " + i, CallflowKind.GROUP, List.of(), null,
                    List.of(amy)).callflowId());
        }
        queues.sort(null);
        callflows.sort(null);
        assertEquals(queues, all(walk(2, r -> t.backend.queues.list(a.admin, r))).stream().map(QueueView::queueId).toList());
        assertEquals(callflows, all(walk(2, r -> t.backend.callflows.list(a.admin, r))).stream()
                .map(CallflowView::callflowId).toList());
    }

    @Test
    void jobsComeNewestFirstAcrossPagesAndTheStatusFilterPagesToo() {
        List<String> newestFirst = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String leaving = a.user(String.valueOf(3000 + i)).userId();
            String jobId = t.backend.offboarding.start(a.admin, leaving, new OffboardingPlan(false, List.of(), List.of())).jobId();
            newestFirst.add(0, jobId);
            if (i % 2 == 0) {
                t.backend.jobs.fail(a.admin.accountId(), jobId, "{}", t.clock.instant().toString());
                failed.add(0, jobId);
            }
            t.clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(newestFirst, all(walk(3, r -> t.backend.offboarding.jobs(a.admin, null, r))).stream()
                .map(j -> j.jobId()).toList());
        var pages = walk(2, r -> t.backend.offboarding.jobs(a.admin, JobStatus.FAILED, r));
        assertEquals(failed, all(pages).stream().map(j -> j.jobId()).toList());
        assertEquals(List.of(2, 2), pages.stream().map(List::size).toList());

        String cursor = t.backend.offboarding.jobs(a.admin, null, PageRequest.first(1)).nextCursor();
        refusedCursor(() -> t.backend.offboarding.jobs(b.admin, null, PageRequest.first(1).after(cursor)));
        String users = t.backend.users.list(a.admin, PageRequest.first(1)).nextCursor();
        refusedCursor(() -> t.backend.offboarding.jobs(a.admin, null, PageRequest.first(1).after(users)));
    }

    @Test
    void anotherAccountsCursorIsRefusedAndShowsNothingOfIt() {
        users(a, 4);
        users(b, 4);
        for (int i = 0; i < 3; i++) {
            a.number("+1415555020" + i);
            t.backend.queues.create(a.admin, "A queue " + i, List.of());
            t.backend.callflows.create(a.admin, "A flow " + i, CallflowKind.GROUP, List.of(), null, List.of(a.admin.userId()));
            t.backend.calls.record(a.admin, "+13125550100", "+14155550200", a.admin.userId(), 1, "2026-11-2" + i + "T10:00:00Z");
        }
        PageRequest one = PageRequest.first(1);
        String users = t.backend.users.list(a.admin, one).nextCursor();
        String numbers = t.backend.numberService.list(a.admin, null, one).nextCursor();
        String queues = t.backend.queues.list(a.admin, one).nextCursor();
        String callflows = t.backend.callflows.list(a.admin, one).nextCursor();
        String calls = t.backend.calls.list(a.admin, null, one).nextCursor();
        String userCalls = t.backend.calls.list(a.admin, a.admin.userId(), one).nextCursor();
        for (String c : List.of(users, numbers, queues, callflows, calls, userCalls)) {
            assertTrue(c != null, "account A has more than one page of each list");
        }
        refusedCursor(() -> t.backend.users.list(b.admin, one.after(users)));
        refusedCursor(() -> t.backend.numberService.list(b.admin, null, one.after(numbers)));
        refusedCursor(() -> t.backend.queues.list(b.admin, one.after(queues)));
        refusedCursor(() -> t.backend.callflows.list(b.admin, one.after(callflows)));
        refusedCursor(() -> t.backend.calls.list(b.admin, null, one.after(calls)));
        // and a cursor of one list is no cursor of another, in the same account
        refusedCursor(() -> t.backend.numberService.list(a.admin, null, one.after(users)));
        refusedCursor(() -> t.backend.users.list(a.admin, one.after(queues)));
        refusedCursor(() -> t.backend.callflows.list(a.admin, one.after(calls)));
    }

    @Test
    void aForgedCursorNamingAnotherAccountIsRefused() {
        users(a, 3);
        users(b, 3);
        // well-formed, as a caller in B could forge it: A's partition, a key of A's members
        String forged = new Cursor(Keys.account(a.admin.accountId()), Keys.user(a.admin.userId()), null, null).encode();
        refusedCursor(() -> t.backend.users.list(b.admin, PageRequest.first(2).after(forged)));
        String offList = new Cursor(Keys.account(b.admin.accountId()), "LOGIN", null, null).encode();
        refusedCursor(() -> t.backend.users.list(b.admin, PageRequest.first(2).after(offList)));
        String bareprefix = new Cursor(Keys.account(b.admin.accountId()), Keys.USER_PREFIX, null, null).encode();
        refusedCursor(() -> t.backend.users.list(b.admin, PageRequest.first(2).after(bareprefix)));
        String indexAsTable = new Cursor(Keys.account(b.admin.accountId()), Keys.user("u_x"), "LOGIN#u_x", "ACCOUNT#x").encode();
        refusedCursor(() -> t.backend.users.list(b.admin, PageRequest.first(2).after(indexAsTable)));
        String otherUsersCalls = new Cursor(Keys.account(b.admin.accountId()), "CALL#x",
                Keys.callsOf(a.admin.accountId(), a.admin.userId()), "CALL#x").encode();
        refusedCursor(() -> t.backend.calls.list(b.admin, b.admin.userId(), PageRequest.first(2).after(otherUsersCalls)));
    }

    @Test
    void garbageCursorsAreRefusedNeverAFailure() {
        users(a, 2);
        String good = t.backend.users.list(a.admin, PageRequest.first(1)).nextCursor();
        String flipped = (good.charAt(5) == 'A' ? "B" : "A");
        List<String> garbage = new ArrayList<>(List.of("x", "AAAA", "____", good.substring(0, good.length() - 1),
                good.substring(0, 5) + flipped + good.substring(6), good + "A",
                b64("c1\nACCOUNT#" + a.admin.accountId()), b64("c2\nACCOUNT#" + a.admin.accountId() + "\nUSER#u_1"),
                b64("c1\n\nUSER#u_1"), b64("c1\nACCOUNT#" + a.admin.accountId() + "\nUSER#u\u0000"),
                b64("c1\nACCOUNT#" + a.admin.accountId() + "\nUSER#" + "9".repeat(500)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}),
                b64("\uFFFF\uD800"), Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("c1\nACCOUNT#" + a.admin.accountId() + "\nUSER#u_1").getBytes(StandardCharsets.UTF_8))));
        for (String g : garbage) {
            if (PageRequest.isCursorText(g)) {
                refusedCursor(() -> t.backend.users.list(a.admin, PageRequest.first(1).after(g)));
            }
        }
        // what is not even of a cursor's form never gets as far as a request
        for (String g : List.of("", "A".repeat(PageRequest.MAX_CURSOR_LENGTH + 1), "abc=", "ab+c", "a/b", "a b")) {
            assertThrows(IllegalArgumentException.class, () -> PageRequest.first(1).after(g), g);
        }
    }

    @Test
    void limitsOutsideTheBoundsAreNotAPageRequest() {
        for (int bad : List.of(0, -1, PageRequest.MAX_LIMIT + 1)) {
            assertThrows(IllegalArgumentException.class, () -> PageRequest.first(bad));
        }
        assertEquals(50, PageRequest.FIRST.limit());
    }

    /** Text as a cursor would carry it, with or without the right digest at its end. */
    private static String b64(String text) {
        byte[] keys = text.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = java.util.Arrays.copyOf(keys, keys.length + 8);
        try {
            System.arraycopy(java.security.MessageDigest.getInstance("SHA-256").digest(keys), 0, sealed, keys.length, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }
}
