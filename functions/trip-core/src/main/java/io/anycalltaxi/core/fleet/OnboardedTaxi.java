package io.anycalltaxi.core.fleet;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A taxi as an operator onboarded it: assign-taxi writes the fleet; sign-in reads who drives which
 * taxi to give its driver a token.
 *
 * @param driverPhone E.164; the phone the driver signs in with
 */
@Document("taxis")
public record OnboardedTaxi(@Id String taxiId, String taxiNumber, String driverName, String driverPhone) {
}
