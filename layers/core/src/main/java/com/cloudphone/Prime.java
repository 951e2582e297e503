package com.cloudphone;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A cold path that SnapStart priming runs once before the snapshot. A function primes only what its own requests
 * use: a step needing an AWS call it has no permission for would fail at every version's checkpoint.
 */
public enum Prime {
    /** One DynamoDB GetItem (the table's client, its marshalling, the HTTP client). */
    TABLE_READ,
    /** JSON written and parsed. */
    JSON,
    /** One bcrypt check at the configured cost. */
    PASSWORD_HASH;

    /** What a function that reads the table and speaks JSON primes unless it says otherwise. */
    public static final Set<Prime> DEFAULT = Collections.unmodifiableSet(EnumSet.of(TABLE_READ, JSON));
}
