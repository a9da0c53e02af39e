package io.anycalltaxi.core.events;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A driver app's periodic report. The plate number and driver's name come with it because the
 * driver app is where the driver signs in: assign-taxi keeps the latest it heard.
 */
public record LocationReported(
        @NotBlank @Size(max = 64) String taxiId,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
        boolean available,
        @Size(max = 32) String taxiNumber,
        @Size(max = 64) String driverName) implements DriverEvent {
}
