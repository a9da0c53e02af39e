package io.anycalltaxi.core.events;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A driver app's periodic report: where the taxi is and whether it takes calls. The plate number
 * and the driver's name are the fleet's, from onboarding, not the app's to say.
 */
public record LocationReported(
        @NotBlank @Size(max = 64) String taxiId,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
        boolean available) implements DriverEvent {
}
