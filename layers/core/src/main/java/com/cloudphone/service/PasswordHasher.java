package com.cloudphone.service;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt (Bouncy Castle) with a per-password salt. The cost is a setting so tests can run fast. Not final: tests
 * count the checks a sign-in runs.
 */
public class PasswordHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int cost;
    private volatile String decoy;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31");
        }
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, cost);
    }

    public boolean matches(String hash, String password) {
        if (hash == null) {
            burn(password);
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /** Spends the time of one check against a decoy hash, so unknown logins answer as slowly as wrong passwords. */
    public void burn(String password) {
        String d = decoy;
        if (d == null) {
            d = hash("Decoy-password-1");
            decoy = d;
        }
        OpenBSDBCrypt.checkPassword(d, password.toCharArray());
    }
}
