package io.anycalltaxi.core.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A person's validated bearer token and the actor it makes them. */
public class ActorAuthentication extends JwtAuthenticationToken {

    private final transient Actor actor;

    public ActorAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Actor actor) {
        super(jwt, authorities, actor.subject());
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
