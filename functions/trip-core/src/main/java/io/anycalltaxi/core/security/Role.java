package io.anycalltaxi.core.security;

import java.util.Arrays;
import java.util.Optional;

/** What a person may be to the system, as a token's roles claim names it. */
public enum Role {

    /** A member: acts only as itself. */
    CUSTOMER("customer"),
    /** A taxi's driver: speaks only for its taxi. */
    DRIVER("driver"),
    /** The taxi company's staff. */
    OPERATOR("operator"),
    /** A phone proved, no member yet: may only sign up with that phone. */
    SIGNUP("signup");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value in the token's roles claim. */
    public String claim() {
        return claim;
    }

    public static Optional<Role> ofClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claim.equals(value)).findFirst();
    }
}
