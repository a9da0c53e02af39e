package io.anycalltaxi.core.security;

/** The claims AnycallTaxi's people tokens carry beside the registered ones. */
public final class TokenClaims {

    /** The audience every people token is issued for. */
    public static final String AUDIENCE = "anycalltaxi";
    public static final String MEMBER_ID = "member_id";
    public static final String TAXI_ID = "taxi_id";
    public static final String PHONE = "phone";
    /** The default name of the roles claim; another issuer's is configured (anycalltaxi.security.roles-claim). */
    public static final String ROLES = "roles";

    private TokenClaims() {
    }
}
