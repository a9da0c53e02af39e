package io.anycalltaxi.notifyfriend;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * A text message.
 *
 * @param dedupKey the same key is sent at most once (the event id and the recipient)
 */
public record Sms(String dedupKey, String callId, PhoneNumber to, String kind, String text) {
}
