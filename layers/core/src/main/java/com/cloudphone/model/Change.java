package com.cloudphone.model;

/** What a partial update does to one field: leaves it, clears it, or sets it to a value. */
public sealed interface Change<T> {
    @SuppressWarnings("rawtypes")
    Keep KEEP = new Keep<>();
    @SuppressWarnings("rawtypes")
    Clear CLEAR = new Clear<>();

    @SuppressWarnings("unchecked")
    static <T> Change<T> keep() {
        return KEEP;
    }

    @SuppressWarnings("unchecked")
    static <T> Change<T> clear() {
        return CLEAR;
    }

    static <T> Change<T> to(T value) {
        return value == null ? clear() : new Set<>(value);
    }

    /** The field's value after the change, given the value it has. */
    T applyTo(T current);

    default boolean changes() {
        return !(this instanceof Keep);
    }

    record Keep<T>() implements Change<T> {
        @Override
        public T applyTo(T current) {
            return current;
        }
    }

    record Clear<T>() implements Change<T> {
        @Override
        public T applyTo(T current) {
            return null;
        }
    }

    record Set<T>(T value) implements Change<T> {
        @Override
        public T applyTo(T current) {
            return value;
        }
    }
}
