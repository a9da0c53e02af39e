package io.anycalltaxi.core.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.anycalltaxi.core.web.RequestRefused;

/** The actor of the request being handled, as the security filter chain authenticated it. */
public final class Callers {

    private Callers() {
    }

    /** @throws RequestRefused 401 when the request carries no person's token */
    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ActorAuthentication actor) {
            return actor.actor();
        }
        throw new RequestRefused(HttpStatus.UNAUTHORIZED, "Sign-in required", "this request needs a person's bearer token");
    }

    /** @throws RequestRefused 403 unless the caller is an operator */
    public static Actor operator() {
        Actor actor = current();
        if (!actor.isOperator()) {
            throw forbidden("only an operator may do this");
        }
        return actor;
    }

    /** @throws RequestRefused 403 unless the caller is this member or an operator */
    public static Actor memberOrOperator(String memberId) {
        Actor actor = current();
        if (!actor.isMemberOrOperator(memberId)) {
            throw forbidden("a member acts only as itself");
        }
        return actor;
    }

    /** @throws RequestRefused 403 unless the caller is this member */
    public static Actor member(String memberId) {
        Actor actor = current();
        if (!actor.isMember(memberId)) {
            throw forbidden("a member acts only as itself");
        }
        return actor;
    }

    /** @throws RequestRefused 403 unless the caller drives this taxi */
    public static Actor driver(String taxiId) {
        Actor actor = current();
        if (!actor.drives(taxiId)) {
            throw forbidden("a driver acts for its own taxi only");
        }
        return actor;
    }

    /** The member a customer's token names; 403 for anyone else. */
    public static String memberId() {
        Actor actor = current();
        if (!actor.is(Role.CUSTOMER) || actor.memberId() == null) {
            throw forbidden("only a signed-up member may do this");
        }
        return actor.memberId();
    }

    public static RequestRefused forbidden(String detail) {
        return new RequestRefused(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }
}
