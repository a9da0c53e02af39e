package io.anycalltaxi.core.card;

public class CardRejected extends RuntimeException {

    public CardRejected(String message) {
        super(message);
    }
}
