package io.anycalltaxi.core.sms;

/** The SMS provider. */
public interface SmsSender {

    /** @throws io.anycalltaxi.core.cloudevents.TemporarilyUnavailable if the provider cannot take it now */
    void send(Sms sms);
}
