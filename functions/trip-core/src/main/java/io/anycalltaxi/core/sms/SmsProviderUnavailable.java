package io.anycalltaxi.core.sms;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;

/** The provider cannot take the message now: retried, then the event is redelivered later. */
public class SmsProviderUnavailable extends TemporarilyUnavailable {

    public SmsProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
