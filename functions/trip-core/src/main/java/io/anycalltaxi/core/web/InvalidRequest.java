package io.anycalltaxi.core.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A request with invalid fields, each named with what is wrong with it (HTTP 400). */
public class InvalidRequest extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidRequest(Map<String, String> fieldErrors) {
        super(fieldErrors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.fieldErrors = new TreeMap<>(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
