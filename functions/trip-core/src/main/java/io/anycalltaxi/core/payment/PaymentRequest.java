package io.anycalltaxi.core.payment;

import io.anycalltaxi.core.events.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The one synchronous call between functions (N1): end-trip-pay asks payment to charge a trip's
 * fare, with an {@code Idempotency-Key} header.
 */
public record PaymentRequest(
        @NotBlank String callId,
        @NotBlank String memberId,
        @NotBlank String cardToken,
        @NotBlank String cardLast4,
        @NotNull @Valid Money amount) {
}
