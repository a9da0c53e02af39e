package io.anycalltaxi.core.sms;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * A text message.
 *
 * @param dedupKey the same key is sent at most once (the event id and the recipient)
 * @param callId   the call it is about; null for a message about the member alone
 */
public record Sms(String dedupKey, String callId, String memberId, PhoneNumber to, String kind, String text) {
}
