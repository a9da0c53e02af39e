package io.anycalltaxi.endtrippay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whose figures are charged: given the meter and the server's measure, then the source and the distance charged. */
class FareCheckTest {

    private static final FareCheck.Band BAND = new FareCheck.Band(0.2, 500, 120);

    @ParameterizedTest(name = "meter {0} m / {1} s, server {2} m / {3} s -> {4}")
    @CsvSource({
            // meter m, meter s, server m, server s, source, distance charged
            "10000, 1500, 10000, 1500, METER, 10000",
            "11900, 1700, 10000, 1500, METER, 11900",
            "12100, 1500, 10000, 1500, SERVER, 10000",
            "10000, 1900, 10000, 1500, SERVER, 10000",
            "1400, 200, 1000, 90, METER, 1400",
            "1600, 90, 1000, 90, SERVER, 1000",
            "2000000, 300, 5000, 300, SERVER, 5000",
            "0, 0, 0, 0, METER, 0" })
    void decides(long meterMeters, long meterSeconds, long serverMeters, long serverSeconds, String source,
            long charged) {
        FareCheck.Checked checked = FareCheck.check(new FareCheck.Measure(meterMeters, meterSeconds),
                new FareCheck.Measure(serverMeters, serverSeconds), BAND);

        assertThat(checked.source()).isEqualTo(source);
        assertThat(checked.charged().distanceMeters()).isEqualTo(charged);
        assertThat(checked.outsideBand() == null).isEqualTo(source.equals("METER"));
    }
}
