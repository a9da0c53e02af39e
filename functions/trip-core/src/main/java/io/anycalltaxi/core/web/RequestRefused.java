package io.anycalltaxi.core.web;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/** A person's request that the system refuses with a 4xx and a reason; nothing was written. */
public class RequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Duration retryAfter;

    public RequestRefused(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    /** @param retryAfter how long the client should wait before trying again (a Retry-After header) */
    public RequestRefused(HttpStatus status, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
