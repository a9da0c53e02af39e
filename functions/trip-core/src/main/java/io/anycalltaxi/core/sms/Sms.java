package io.anycalltaxi.core.sms;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * A text message.
 *
 * @param dedupKey the same key is sent at most once (see {@link #keyFor})
 * @param callId   the call it is about; null for a message about the member alone
 */
public record Sms(String dedupKey, String callId, String memberId, PhoneNumber to, String kind, String text) {

    /**
     * The key of the text a cause sends to a recipient: derived from both, so a redelivered cause
     * texts no one twice, and opaque, so that neither the cause nor the phone shows in the
     * provider's idempotency header or in storage.
     *
     * @param cause what the text is sent for: an event's identity (source and id), a request's id
     */
    public static String keyFor(String cause, PhoneNumber to) {
        return UUID.nameUUIDFromBytes((cause + "|" + to.e164()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
