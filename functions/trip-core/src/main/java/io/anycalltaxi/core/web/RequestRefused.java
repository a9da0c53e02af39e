package io.anycalltaxi.core.web;

import org.springframework.http.HttpStatus;

/** A person's request that the system refuses with a 4xx and a reason; nothing was written. */
public class RequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public RequestRefused(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
