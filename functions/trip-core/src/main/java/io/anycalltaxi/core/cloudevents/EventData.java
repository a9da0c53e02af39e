package io.anycalltaxi.core.cloudevents;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.anycalltaxi.core.events.DriverEvent;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripData;
import io.cloudevents.CloudEvent;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** Reads and checks the data of incoming events: a bad event is refused before anything changes. */
public class EventData {

    private static final String DRIVER_SOURCE_PREFIX = "/drivers/";

    private final Validator validator;

    public EventData(Validator validator) {
        this.validator = validator;
    }

    /** The event's data as the catalog's record for its type, validated. */
    /** The data of an event about one call, whichever of the catalog's types it is. */
    public TripData readAboutCall(CloudEvent event) {
        EventType type = EventType.of(event.getType())
                .orElseThrow(() -> new InvalidEvent("unknown event type " + event.getType()));
        if (!(read(event, type.dataType()) instanceof TripData about)) {
            throw new InvalidEvent(event.getType() + " is not about a call");
        }
        return about;
    }

    public <T extends Record> T read(CloudEvent event, Class<T> dataType) {
        EventType declared = EventType.of(event.getType())
                .orElseThrow(() -> new InvalidEvent("unknown event type " + event.getType()));
        if (declared.dataType() != dataType) {
            throw new InvalidEvent("event type " + event.getType() + " does not carry " + dataType.getSimpleName());
        }
        String contentType = event.getDataContentType();
        if (contentType != null && !contentType.startsWith("application/json")) {
            throw new InvalidEvent("data must be application/json, not " + contentType);
        }
        if (event.getData() == null) {
            throw new InvalidEvent("event " + event.getId() + " has no data");
        }
        T data;
        try {
            data = EventJson.fromBytes(event.getData().toBytes(), dataType);
        } catch (JsonProcessingException e) {
            throw new InvalidEvent("data of event " + event.getId() + " is not a valid " + dataType.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEvent("data of event " + event.getId() + " cannot be read", e);
        }
        if (data == null) {
            throw new InvalidEvent("event " + event.getId() + " has null data");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new InvalidEvent(violations.stream()
                    .map(v -> "data." + v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return data;
    }

    /**
     * A driver event's data, once its source ({@code /drivers/<taxiId>}) and its data agree on who
     * the driver is.
     */
    public <T extends Record & DriverEvent> T readFromDriver(CloudEvent event, Class<T> dataType) {
        T data = read(event, dataType);
        String expected = DRIVER_SOURCE_PREFIX + data.taxiId();
        if (!expected.equals(event.getSource().toString())) {
            throw new InvalidEvent("source " + event.getSource() + " does not match data.taxiId " + data.taxiId());
        }
        return data;
    }
}
