package io.anycalltaxi.core.card;

/** The card network, told by the number's leading digits (IIN ranges). */
public final class CardBrand {

    private CardBrand() {
    }

    public static String of(String number) {
        if (number.startsWith("4")) {
            return "visa";
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (four == 3528 || (four > 3528 && four <= 3589)) {
            return "jcb";
        }
        return "other";
    }
}
