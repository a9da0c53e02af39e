package io.anycalltaxi.core.card;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A card processor for running without one: tokens carry the brand and last four digits, so any
 * function can charge them. It approves every charge except on the test cards ending in
 * {@link #DECLINES}' keys (as Stripe's test cards do), and repeats its first answer per
 * idempotency key. It can be made slow or unavailable, to see how its callers cope.
 */
public class LocalCardProcessor implements CardProcessor {

    /** Last four digits of the test cards that are declined, with the reason given. */
    public static final Map<String, String> DECLINES = Map.of(
            "0002", "card_declined",
            "9995", "insufficient_funds",
            "0069", "expired_card");

    private final Map<String, ChargeResult> answered = new ConcurrentHashMap<>();
    private final List<ChargeRequest> charged = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean outage;

    @Override
    public CardToken tokenize(CardDetails card) {
        String brand = CardBrand.of(card.number());
        String token = "tok_local_" + brand + "_" + card.last4() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new CardToken(token, brand, card.last4());
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        pause();
        if (outage) {
            throw new ProcessorUnavailable("the local card processor simulates an outage");
        }
        return answered.computeIfAbsent(request.idempotencyKey(), key -> decide(request));
    }

    /** Simulates a slow or an unavailable processor (both off by default). */
    public void simulate(Duration latency, boolean outage) {
        this.latency = latency;
        this.outage = outage;
    }

    /** Every charge it approved, once per idempotency key. */
    public List<ChargeRequest> approvedCharges() {
        return List.copyOf(charged);
    }

    private ChargeResult decide(ChargeRequest request) {
        String[] parts = request.cardToken().split("_");
        if (parts.length < 5 || !request.cardToken().startsWith("tok_local_")) {
            return ChargeResult.declined("unknown_card");
        }
        String decline = DECLINES.get(parts[3]);
        if (decline != null) {
            return ChargeResult.declined(decline);
        }
        charged.add(request);
        return ChargeResult.approved("ch_local_"
                + UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8)));
    }

    private void pause() {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
