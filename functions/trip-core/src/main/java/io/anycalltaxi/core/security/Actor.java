package io.anycalltaxi.core.security;

import java.util.Set;

/**
 * Who is calling, as the bearer token says: the rules of who may do what are decided on this, not
 * on what a request body claims.
 *
 * @param subject  the token's subject
 * @param memberId the member a customer is (null for others)
 * @param taxiId   the taxi a driver drives (null for others)
 * @param phone    the phone proved at sign-in, E.164 (a sign-up token's; null when not carried)
 */
public record Actor(String subject, Set<Role> roles, String memberId, String taxiId, String phone) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public boolean isOperator() {
        return is(Role.OPERATOR);
    }

    /** This member, signed in as a customer. */
    public boolean isMember(String id) {
        return is(Role.CUSTOMER) && memberId != null && memberId.equals(id);
    }

    /** This member, or an operator acting for the company. */
    public boolean isMemberOrOperator(String id) {
        return isMember(id) || isOperator();
    }

    /** The driver of this taxi. */
    public boolean drives(String id) {
        return is(Role.DRIVER) && taxiId != null && taxiId.equals(id);
    }
}
