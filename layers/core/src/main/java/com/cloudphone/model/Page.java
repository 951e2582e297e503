package com.cloudphone.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and where the next one starts: {@code nextCursor} is null on the last page. A page may hold
 * fewer items than asked for while a cursor follows (a filter skipped many); only a null cursor means the end.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** A list that is never longer than one page (a user's own profile). */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), nextCursor);
    }
}
