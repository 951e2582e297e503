package com.cloudphone.store;

import java.util.function.Supplier;

/**
 * A value made on first use and kept for the life of the process: what a function never needs (a client, a table
 * schema, the signing key) it never pays for at cold start. Thread-safe; the factory runs once.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
