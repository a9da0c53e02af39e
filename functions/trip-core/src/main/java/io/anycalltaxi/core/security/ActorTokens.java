package io.anycalltaxi.core.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated people token into an {@link Actor}. The roles claim and the operator role's
 * name are configurable, so an organisation's own OIDC provider (Keycloak's
 * {@code realm_access.roles}, a Cognito group claim, ...) can sign operators in.
 */
public class ActorTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String operatorRole;
    private final Set<Role> honoured;

    /**
     * @param rolesClaim   the claim holding the roles, a dotted path into nested claims
     * @param operatorRole the value in it that makes an operator
     * @param honoured     the roles this issuer may give (an organisation's issuer of operators
     *                     makes no customers; sign-in, beside one, makes no operators)
     */
    public ActorTokens(String rolesClaim, String operatorRole, Set<Role> honoured) {
        this.rolesClaim = rolesClaim;
        this.operatorRole = operatorRole;
        this.honoured = EnumSet.copyOf(honoured);
    }

    /** Every role, as one issuer of all people gives them. */
    public ActorTokens(String rolesClaim, String operatorRole) {
        this(rolesClaim, operatorRole, EnumSet.allOf(Role.class));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : roleValues(jwt)) {
            if (value.equals(operatorRole)) {
                roles.add(Role.OPERATOR);
            } else {
                Role.ofClaim(value).filter(role -> role != Role.OPERATOR).ifPresent(roles::add);
            }
        }
        roles.retainAll(honoured);
        Actor actor = new Actor(jwt.getSubject(), roles, jwt.getClaimAsString(TokenClaims.MEMBER_ID),
                jwt.getClaimAsString(TokenClaims.TAXI_ID), jwt.getClaimAsString(TokenClaims.PHONE));
        return new ActorAuthentication(jwt,
                roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList(), actor);
    }

    private List<String> roleValues(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value instanceof String single ? List.of(single.split(" ")) : List.of();
    }
}
