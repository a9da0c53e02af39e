package io.anycalltaxi.assigntaxi;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A taxi as its driver's app last reported it.
 *
 * @param available what the driver says (on duty, free)
 * @param busyWith  the call this taxi was claimed for, until its trip ends
 * @param busySince when it was claimed
 */
@Document("taxis")
public record Taxi(
        @Id String taxiId,
        String taxiNumber,
        String driverName,
        double lat,
        double lng,
        boolean available,
        Instant reportedAt,
        String busyWith,
        Instant busySince) {
}
