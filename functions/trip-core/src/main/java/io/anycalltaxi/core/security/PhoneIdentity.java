package io.anycalltaxi.core.security;

import java.util.EnumSet;
import java.util.Set;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * Who a proved phone is to the system, and so what its token allows: a member's phone signs in as
 * that customer, an onboarded driver's as the driver of that taxi (both, if it is both); a phone
 * that is neither may only sign up.
 *
 * @param memberId null unless a member has this phone
 * @param taxiId   null unless this phone drives an onboarded taxi
 */
public record PhoneIdentity(PhoneNumber phone, String memberId, String taxiId) {

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (memberId != null) {
            roles.add(Role.CUSTOMER);
        }
        if (taxiId != null) {
            roles.add(Role.DRIVER);
        }
        if (roles.isEmpty()) {
            roles.add(Role.SIGNUP);
        }
        return roles;
    }

    /** A member's id; a driver's taxi; for a phone yet to sign up, nothing that gives the phone away. */
    public String subject(String phoneDigest) {
        if (memberId != null) {
            return memberId;
        }
        return taxiId != null ? "taxi:" + taxiId : "signup:" + phoneDigest;
    }
}
