package io.anycalltaxi.core.card;

/**
 * A card as the member typed it. It lives only for the request that tokenises it: it is never
 * stored, and {@link #toString()} never shows the number or the CVC.
 */
public record CardDetails(String number, int expMonth, int expYear, String cvc) {

    public String last4() {
        return number.substring(number.length() - 4);
    }

    @Override
    public String toString() {
        return "CardDetails[**** " + last4() + ", " + expMonth + "/" + expYear + "]";
    }
}
