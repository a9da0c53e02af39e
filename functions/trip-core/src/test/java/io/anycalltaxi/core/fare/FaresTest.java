package io.anycalltaxi.core.fare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.Discount;

class FaresTest {

    /** 12:00 in Seoul: day rates. */
    private static final Instant NOON = Instant.parse("2026-11-25T03:00:00Z");
    /** 23:30 in Seoul: the night surcharge applies. */
    private static final Instant LATE = Instant.parse("2026-11-25T14:30:00Z");

    private static Tariff defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("anycalltaxi.tariff", Tariff.class);
    }

    private final Fares fares = new Fares(defaults());

    @Test
    void aShortRideCostsTheBaseFarePlusTime() {
        // 4800 + 3 min * 120 = 5160 -> 5200
        assertThat(fares.fare(1_000, Duration.ofMinutes(3), NOON)).isEqualTo(Money.won(5_200));
    }

    @Test
    void distanceBeyondTheBaseIsChargedPerKilometreAndTheSumRoundedToAHundredWon() {
        // 4800 + 8.2 km * 760 (6232) + 25 min * 120 (3000) = 14032 -> 14000
        assertThat(fares.fare(9_800, Duration.ofSeconds(1_500), NOON)).isEqualTo(Money.won(14_000));
    }

    @Test
    void ridesStartingAtNightCostTwentyPercentMore() {
        // 14032 * 1.2 = 16838.4 -> 16838 -> 16800
        assertThat(fares.fare(9_800, Duration.ofSeconds(1_500), LATE)).isEqualTo(Money.won(16_800));
    }

    @Test
    void theFaresPartsAddUpToWhatIsChargedWithThePromotionTakenOffLast() {
        FareParts parts = fares.parts(9_800, Duration.ofSeconds(1_500), LATE, new Discount("P-1", 10));

        // 4800 + 6232 + 3000 + night 2806 = 16838 -> 16800 (rounding -38); 10% off 16800 is 15120 -> 15100
        assertThat(parts).isEqualTo(new FareParts(4_800, 6_232, 3_000, 2_806, -38, -1_700, 0, 15_100, "KRW"));
        assertThat(parts.base() + parts.distance() + parts.time() + parts.night() + parts.rounding() + parts.promotion()
                + parts.fees()).isEqualTo(parts.total());
    }

    @Test
    void anEstimateUsesTheRoadFactorAndTheAverageSpeed() {
        Place cityHall = new Place(37.5663, 126.9779, "Seoul City Hall");
        Place north = new Place(37.5663 + 10_000 / 111_320.0, 126.9779, "10 km north");

        Money estimate = fares.estimate(cityHall, north, NOON);

        // ~10 km straight * 1.3 = 13 km road; at 25 km/h that is 31.2 min:
        // 4800 + 11.4 * 760 (8664) + 31.2 * 120 (3744) = 17208 -> 17200
        assertThat(estimate.amount()).isBetween(17_100L, 17_300L);
    }

    @Test
    void theTariffComesFromAMountedConfigMapThroughTheFunctionDefaults(@TempDir Path configMap) throws Exception {
        Files.writeString(configMap.resolve("anycalltaxi.tariff.base-fare"), "5000");
        Files.writeString(configMap.resolve("anycalltaxi.tariff.night-surcharge-percent"), "40");

        SpringApplication application = new SpringApplication(TariffOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(
                "--ANYCALLTAXI_CONFIG_DIR=" + configMap.toAbsolutePath())) {
            Tariff tariff = context.getBean(Tariff.class);

            assertThat(tariff.baseFare()).isEqualTo(5_000);
            assertThat(tariff.nightSurchargePercent()).isEqualTo(40);
            assertThat(tariff.perKm()).as("the rest keeps its default").isEqualTo(760);
        }
    }

    @SpringBootConfiguration
    @EnableConfigurationProperties(Tariff.class)
    static class TariffOnly {
    }
}
