package io.anycalltaxi.core.sms;

/** The provider refused the message itself (a bad number, say): sending it again cannot help. */
public class SmsRejected extends RuntimeException {

    public SmsRejected(String message) {
        super(message);
    }
}
