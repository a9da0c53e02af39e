package io.anycalltaxi.core.web;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;

/** Every refusal of a person's request as problem+json (design §4). */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<ProblemDetail> refused(RequestRefused e) {
        ResponseEntity<ProblemDetail> problem = Problems.response(Problems.of(e.status(), e.title(), e.getMessage()));
        return e.retryAfter().map(wait -> ResponseEntity.status(problem.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody())).orElse(problem);
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        problem.setProperty("fields", e.fieldErrors().keySet());
        return Problems.response(problem);
    }

    @ExceptionHandler(TripNotFound.class)
    ResponseEntity<ProblemDetail> unknownTrip(TripNotFound e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "Unknown call", e.getMessage()));
    }

    @ExceptionHandler(TripRefusal.class)
    ResponseEntity<ProblemDetail> refusedByTrip(TripRefusal e) {
        HttpStatus status = switch (e.reason()) {
            case ILLEGAL_TRANSITION -> HttpStatus.CONFLICT;
            case TOO_EARLY -> HttpStatus.UNPROCESSABLE_ENTITY;
            case WRONG_DRIVER, NOT_THE_MEMBER -> HttpStatus.FORBIDDEN;
        };
        ProblemDetail problem = Problems.of(status, "Refused by the trip", e.getMessage());
        problem.setProperty("tripStatus", e.status().name());
        return Problems.response(problem);
    }

    @ExceptionHandler({ DataAccessResourceFailureException.class, TemporarilyUnavailable.class })
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("refusing a request, a dependency is down: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "The service cannot take requests right now; try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Names every invalid field, so a client can fix its request in one go. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("fields", e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField).distinct().sorted().toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
