package io.anycalltaxi.core.events;

import java.util.List;

/** The taxis that may take the call, nearest available first. */
public record CallOffered(String callId, List<String> taxiIds) implements TripData {
}
