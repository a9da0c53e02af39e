package io.anycalltaxi.core.web;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;

import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;

/**
 * The one table of what a function answers when it does not do what it was asked, for a person's
 * request and for an event's delivery. The two differ only where the broker's contract needs it:
 * the broker retries 404 and 409, and an unknown call or a refused transition stays so however
 * often it is tried, so a delivery gets 422 for them (and goes to the dead letters), a person 404
 * or 409. A dependency that is down is 503 for both: the broker retries, a person is told when.
 */
public final class Failures {

    /** Who asked. */
    public enum Channel {
        REQUEST, EVENT
    }

    /** How long a person is asked to wait when a dependency is down. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static ResponseEntity<ProblemDetail> answer(RuntimeException failure, Channel channel) {
        Answer answer = answerTo(failure, channel);
        if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            log.warn("{} not handled now, a dependency is down: {}", channel == Channel.EVENT ? "event" : "request",
                    failure.getMessage());
        } else if (channel == Channel.EVENT) {
            log.warn("refused event: {} ({})", failure.getMessage(), answer.status().value());
        }
        ResponseEntity<ProblemDetail> response = Problems.response(answer.problem());
        return answer.retryAfter().map(wait -> ResponseEntity.status(answer.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .contentType(response.getHeaders().getContentType()).body(answer.problem())).orElse(response);
    }

    /** What a delivery failing so is answered: 4xx goes to the dead letters, 5xx is retried by the broker. */
    public static HttpStatus eventStatus(RuntimeException failure) {
        try {
            return answerTo(failure, Channel.EVENT).status();
        } catch (RuntimeException unexpected) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
    }

    static Answer answerTo(RuntimeException failure, Channel channel) {
        boolean event = channel == Channel.EVENT;
        return switch (failure) {
            case RequestRefused refused -> new Answer(refused.status(), refused.title(), refused.getMessage(),
                    refused.retryAfter());
            case InvalidRequest invalid -> {
                Answer answer = new Answer(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage());
                answer.problem().setProperty("fields", invalid.fieldErrors().keySet());
                yield answer;
            }
            case InvalidEvent invalid -> new Answer(HttpStatus.BAD_REQUEST, "Invalid event", invalid.getMessage());
            case TripNotFound unknown -> new Answer(event ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.NOT_FOUND,
                    "Unknown call", unknown.getMessage());
            case TripRefusal refusal -> {
                HttpStatus status = switch (refusal.reason()) {
                    case ILLEGAL_TRANSITION -> event ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
                    case TOO_EARLY -> HttpStatus.UNPROCESSABLE_ENTITY;
                    case WRONG_DRIVER, NOT_THE_MEMBER -> HttpStatus.FORBIDDEN;
                };
                Answer answer = new Answer(status, "Refused by the trip", refusal.getMessage());
                answer.problem().setProperty("tripStatus", refusal.status().name());
                yield answer;
            }
            case TemporarilyUnavailable down -> unavailable(down, event);
            case DataAccessResourceFailureException down -> unavailable(down, event);
            // a contended versioned write included: it gave up, and the next attempt may not
            case TransientDataAccessException down -> unavailable(down, event);
            case UncategorizedMongoDbException down when lostConnection(down) -> unavailable(down, event);
            default -> throw failure;
        };
    }

    /**
     * The driver's "connection pool paused/cleared" after a failed connection reaches Spring Data
     * uncategorised, but it is MongoDB being unreachable, as much as a timeout is.
     */
    private static boolean lostConnection(UncategorizedMongoDbException failure) {
        return failure.getCause() instanceof MongoSocketException
                || failure.getCause() instanceof MongoConnectionPoolClearedException;
    }

    /** An event's detail says what is down (it ends up with operators, in the dead letters); a person's does not. */
    private static Answer unavailable(RuntimeException down, boolean event) {
        String detail = event ? "try again later: " + down.getMessage()
                : "The service cannot take this right now; try again shortly.";
        return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", detail,
                Optional.of(UNAVAILABLE_RETRY_AFTER));
    }

    record Answer(HttpStatus status, ProblemDetail problem, Optional<Duration> retryAfter) {

        Answer(HttpStatus status, String title, String detail) {
            this(status, title, detail, Optional.empty());
        }

        Answer(HttpStatus status, String title, String detail, Optional<Duration> retryAfter) {
            this(status, Problems.of(status, title, detail), retryAfter);
        }
    }
}
