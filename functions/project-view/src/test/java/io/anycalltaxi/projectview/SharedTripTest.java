package io.anycalltaxi.projectview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.anycalltaxi.core.trip.TripStatus;

/** Given a trip's stages, when the friend's link is opened at some time, then whether it still opens. */
class SharedTripTest {

    private static final Instant ENDED = Instant.parse("2026-12-01T10:00:00Z");

    private static TripView view(TripStatus status, List<TripView.Stage> timeline) {
        return new TripView("call-1", 3, "member-1", status, 3, null, null, null,
                new TripView.Taxi("taxi-1", "서울12가3456", "Park", 4.5, 60), null, null, null, null, null,
                new TripView.Payment("PAID", 14_000L, "KRW", "4242", "pay-1", null, "FARE"), 3, List.of(), List.of(),
                null, timeline,
                ENDED.minusSeconds(1800), ENDED, List.of());
    }

    private static TripView.Stage stage(String type, Instant at) {
        return new TripView.Stage(type, at, 1, "e-" + type, new TripView.Message(type, List.of()));
    }

    static Stream<Arguments> cases() {
        List<TripView.Stage> riding = List.of(stage("call.requested", ENDED.minusSeconds(1800)),
                stage("trip.started", ENDED.minusSeconds(1200)));
        List<TripView.Stage> ended = List.of(stage("call.requested", ENDED.minusSeconds(1800)),
                stage("trip.started", ENDED.minusSeconds(1200)), stage("trip.ended", ENDED),
                stage("trip.completed", ENDED.plusSeconds(5)));
        List<TripView.Stage> cancelled = List.of(stage("call.requested", ENDED.minusSeconds(60)),
                stage("call.cancelled", ENDED));
        return Stream.of(
                Arguments.of("a trip under way, days later", riding, ENDED.plusSeconds(86_400 * 3), true),
                Arguments.of("an ended trip, 59 minutes after", ended, ENDED.plusSeconds(59 * 60), true),
                Arguments.of("an ended trip, an hour after", ended, ENDED.plusSeconds(3600), false),
                Arguments.of("a cancelled call, two hours after", cancelled, ENDED.plusSeconds(7200), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensUntilAnHourAfterTheEnd(String given, List<TripView.Stage> timeline, Instant openedAt, boolean opens) {
        assertThat(SharedTrip.stillOpen(view(TripStatus.STARTED, timeline), openedAt)).isEqualTo(opens);
    }

    @Test
    void showsTheTaxiAndStatusAndNothingOfTheMemberOrPayment() {
        SharedTrip shared = SharedTrip.of(view(TripStatus.COMPLETED, List.of()));

        assertThat(shared.status()).isEqualTo(TripStatus.COMPLETED);
        assertThat(shared.taxi()).isEqualTo(new SharedTrip.SharedTaxi("서울12가3456", "Park"));
        assertThat(shared.toString()).doesNotContain("member-1", "4242", "14000", "pay-1");
    }
}
