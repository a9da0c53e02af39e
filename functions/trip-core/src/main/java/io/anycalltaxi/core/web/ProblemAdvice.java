package io.anycalltaxi.core.web;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
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
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.anycalltaxi.core.cloudevents.CloudEventEndpoint;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;

/**
 * Every refusal as problem+json, by the table in {@link Failures}: by the broker's rules for an
 * event delivered to {@link CloudEventEndpoint}, as a person's request for anything else.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler({ RequestRefused.class, InvalidRequest.class, InvalidEvent.class, TripNotFound.class,
            TripRefusal.class, DataAccessResourceFailureException.class, TransientDataAccessException.class,
            UncategorizedMongoDbException.class, TemporarilyUnavailable.class })
    ResponseEntity<ProblemDetail> refused(RuntimeException e, HttpServletRequest request) {
        boolean delivery = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod
                handler && handler.getBeanType() == CloudEventEndpoint.class;
        return Failures.answer(e, delivery ? Failures.Channel.EVENT : Failures.Channel.REQUEST);
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
