package io.anycalltaxi.local.sms;

import org.springframework.context.annotation.Import;

import io.anycalltaxi.local.infra.PlainWebApplication;

/**
 * The SMS provider, locally: it speaks the provider's HTTP API the functions' real adapter uses,
 * and instead of texting anyone keeps every message, for people and tests to read
 * ({@code GET /messages?phone=|callId=|memberId=}), sign-in codes included. In memory only: these
 * are the phones' inboxes, not the system's data.
 */
@PlainWebApplication
@Import(SmsRecorder.class)
public class SmsRecorderApplication {

    /** The account the functions are given, and the secret they must present (basic authentication). */
    public record Account(String name, String secret) {
    }
}
