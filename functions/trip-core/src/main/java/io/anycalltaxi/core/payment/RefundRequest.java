package io.anycalltaxi.core.payment;

import io.anycalltaxi.core.events.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** end-trip-pay asks payment to give (part of) an approved charge back, with an {@code Idempotency-Key}. */
public record RefundRequest(@NotBlank String callId, @NotNull @Valid Money amount,
        @NotBlank @Size(max = 200) String reason) {
}
