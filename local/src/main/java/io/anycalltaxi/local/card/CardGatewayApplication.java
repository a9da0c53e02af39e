package io.anycalltaxi.local.card;

import org.springframework.context.annotation.Import;

import io.anycalltaxi.local.infra.PlainWebApplication;

/**
 * The payment gateway, locally, for functions started as their own processes: the local card
 * processor behind the gateway's REST API ({@link CardGateway}).
 */
@PlainWebApplication
@Import(CardGateway.class)
public class CardGatewayApplication {

    /** The processor behind it, and the secret key the functions must present. */
    public record Account(LocalCardProcessor processor, String secretKey) {
    }
}
