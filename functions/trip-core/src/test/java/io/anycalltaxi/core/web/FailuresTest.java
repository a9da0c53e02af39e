package io.anycalltaxi.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpStatus;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;

import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.TripRefusal.Reason;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.web.Failures.Channel;

/** The one failure table: given a failure, when a person's request or an event's delivery failed so, then the answer. */
class FailuresTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // given failure, -> request status, -> event status
                Arguments.of(new InvalidRequest(Map.of("pickup", "is required")), 400, 400),
                Arguments.of(new InvalidEvent("no id"), 400, 400),
                Arguments.of(new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "Slow down", "too many"), 429, 429),
                // the broker retries 404 and 409: an event gets 422, which it does not
                Arguments.of(new TripNotFound("call-1"), 404, 422),
                Arguments.of(refusal(Reason.ILLEGAL_TRANSITION), 409, 422),
                Arguments.of(refusal(Reason.TOO_EARLY), 422, 422),
                Arguments.of(refusal(Reason.WRONG_DRIVER), 403, 403),
                Arguments.of(refusal(Reason.NOT_THE_MEMBER), 403, 403),
                // a dependency down or a contended write: both are asked to come back
                Arguments.of(new TemporarilyUnavailable("broker down"), 503, 503),
                Arguments.of(new DataAccessResourceFailureException("mongo down"), 503, 503),
                Arguments.of(new QueryTimeoutException("slow"), 503, 503),
                Arguments.of(new OptimisticLockingFailureException("50 attempts"), 503, 503),
                Arguments.of(new UncategorizedMongoDbException("pool paused", new MongoSocketReadException(
                        "Prematurely reached end of stream", new ServerAddress())), 503, 503));
    }

    @ParameterizedTest(name = "{0}: request {1}, event {2}")
    @MethodSource("table")
    void answersAsTheTableSays(RuntimeException failure, int request, int event) {
        assertThat(Failures.answer(failure, Channel.REQUEST).getStatusCode().value()).isEqualTo(request);
        assertThat(Failures.answer(failure, Channel.EVENT).getStatusCode().value()).isEqualTo(event);
    }

    @Test
    void aRefusedTripSaysItsStatusAndAnUnavailableServiceWhenToComeBack() {
        var refused = Failures.answer(refusal(Reason.ILLEGAL_TRANSITION), Channel.REQUEST);
        assertThat(refused.getBody().getProperties()).containsEntry("tripStatus", "COMPLETED");
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");

        var down = Failures.answer(new TemporarilyUnavailable("broker down"), Channel.REQUEST);
        assertThat(down.getHeaders().getFirst("Retry-After"))
                .isEqualTo(Long.toString(Failures.UNAVAILABLE_RETRY_AFTER.toSeconds()));
        assertThat(down.getBody().getDetail()).contains("try again shortly").doesNotContain("broker down");
        assertThat(Failures.answer(new TemporarilyUnavailable("broker down"), Channel.EVENT).getBody().getDetail())
                .as("for the dead letters").contains("broker down");

        var slowDown = Failures.answer(new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "Slow down", "too many",
                Duration.ofMillis(1_500)), Channel.REQUEST);
        assertThat(slowDown.getHeaders().getFirst("Retry-After")).isEqualTo("2");
    }

    @Test
    void aFailureNotInTheTableIsNotHiddenBehindAStatus() {
        UncategorizedMongoDbException notAnOutage = new UncategorizedMongoDbException("odd", new IllegalStateException());
        assertThatThrownBy(() -> Failures.answer(notAnOutage, Channel.REQUEST)).isSameAs(notAnOutage);
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> Failures.answer(bug, Channel.EVENT)).isSameAs(bug);
    }

    private static TripRefusal refusal(Reason reason) {
        return new TripRefusal(reason, TripStatus.COMPLETED, "refused: " + reason);
    }
}
