package io.anycalltaxi.notifyfriend;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.events.CallExpired;
import io.anycalltaxi.core.events.CallReopened;
import io.anycalltaxi.core.events.CallWaiting;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TextSent;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.PromotionGranted;
import io.anycalltaxi.core.events.TaxiArrived;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.events.TripStarted;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.TripShares;
import io.anycalltaxi.core.sms.Sms;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * F7, N4 (safety service): the member's friend is texted when the trip starts, with the taxi and
 * the route, and when the ride ends, safely. F4: the customer is texted the dispatch status (the
 * taxi assigned, at the pickup, or gone and another being looked for), and asked to update a
 * declined card; F11: the member hears of a promotion earned. Each message is sent once per
 * event and recipient, and answered with {@code text.sent}.
 */
@Component
@HandlesEvent({ EventType.TRIP_STARTED, EventType.TRIP_ENDED, EventType.TAXI_ASSIGNED, EventType.TAXI_ARRIVED,
        EventType.CALL_REOPENED, EventType.CALL_WAITING, EventType.CALL_EXPIRED, EventType.PAYMENT_FAILED,
        EventType.PROMOTION_GRANTED })
public class Notify implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(Notify.class);

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final MemberDirectory members;
    private final SmsDeliveries deliveries;
    private final MessageSource templates;
    private final Clock clock;
    private final String tripLinkBase;
    private final TripShares shares;
    private final DateTimeFormatter timeOfDay;

    public Notify(EventData data, EventFactory events, Trips trips, MemberDirectory members, SmsDeliveries deliveries,
            MessageSource templates, Clock clock, @Value("${anycalltaxi.notify.trip-link-base}") String tripLinkBase,
            @Value("${anycalltaxi.notify.zone}") ZoneId zone, TripShares shares) {
        this.shares = shares;
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.members = members;
        this.deliveries = deliveries;
        this.templates = templates;
        this.clock = clock;
        this.tripLinkBase = tripLinkBase;
        this.timeOfDay = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        Message message = compose(event);
        Trip trip = message.callId() == null ? null
                : trips.find(message.callId()).orElseThrow(() -> new TripNotFound(message.callId()));
        String memberId = trip == null ? message.memberId() : trip.memberId();
        Member member = members.find(memberId)
                .orElseThrow(() -> new InvalidEvent("member " + memberId + " is unknown"));
        PhoneNumber to = message.toFriend() ? member.friendPhoneNumber() : member.phoneNumber();
        Locale locale = Locale.forLanguageTag(member.language().name().toLowerCase(Locale.ROOT));
        String text = templates.getMessage("sms." + message.kind(), message.arguments(member, trip), locale);
        SmsDeliveries.Outcome outcome = deliveries.sendOnce(
                new Sms(Sms.keyFor(EventFactory.identity(event), to), message.callId(), memberId, to, message.kind(), text));
        if (outcome == SmsDeliveries.Outcome.REJECTED) {
            log.warn("call {}: the {} text to {} was refused by the provider", message.callId(), message.kind(), to);
            return null;
        }
        return events.reply(event, EventType.TEXT_SENT, event.getSubject(),
                new TextSent(message.callId(), to.masked(), message.kind()), clock.instant());
    }

    private Message compose(CloudEvent event) {
        EventType type = EventType.of(event.getType()).orElseThrow();
        return switch (type) {
            case TRIP_STARTED -> {
                TripStarted started = data.read(event, TripStarted.class);
                yield Message.aboutTrip(started.callId(), "trip-started", true, (member, trip) -> new Object[] {
                        member.name(), trip.taxi().taxiNumber(), trip.taxi().driverName(), address(trip.pickup()),
                        address(trip.dropoff()), shareLink(trip.callId()) });
            }
            case TRIP_ENDED -> {
                // when the ride ends, whatever the payment does: the friend must not wait on a card
                TripEnded ended = data.read(event, TripEnded.class);
                Instant arrived = event.getTime() == null ? clock.instant() : event.getTime().toInstant();
                yield Message.aboutTrip(ended.callId(), "trip-arrived", true, (member, trip) -> new Object[] {
                        member.name(), address(trip.dropoff()), timeOfDay.format(arrived) });
            }
            case TAXI_ARRIVED -> {
                TaxiArrived arrived = data.read(event, TaxiArrived.class);
                yield Message.aboutTrip(arrived.callId(), "taxi-arrived", false, (member, trip) -> new Object[] {
                        trip.taxi().taxiNumber(), address(trip.pickup()) });
            }
            case CALL_REOPENED -> {
                CallReopened reopened = data.read(event, CallReopened.class);
                yield Message.aboutTrip(reopened.callId(), "call-reopened", false, (member, trip) -> new Object[0]);
            }
            case TAXI_ASSIGNED -> {
                TaxiAssigned assigned = data.read(event, TaxiAssigned.class);
                yield Message.aboutTrip(assigned.callId(), "taxi-assigned", false, (member, trip) -> new Object[] {
                        assigned.taxiNumber(), assigned.driverName(), Math.max(1, Math.round(assigned.etaSeconds() / 60.0)) });
            }
            case CALL_WAITING -> {
                CallWaiting waiting = data.read(event, CallWaiting.class);
                yield Message.aboutTrip(waiting.callId(), "call-waiting", false, (member, trip) -> new Object[] {
                        Math.max(1, waiting.waitingSeconds() / 60) });
            }
            case CALL_EXPIRED -> {
                CallExpired expired = data.read(event, CallExpired.class);
                yield Message.aboutTrip(expired.callId(), "call-expired", false, (member, trip) -> new Object[0]);
            }
            case PAYMENT_FAILED -> {
                PaymentFailed failed = data.read(event, PaymentFailed.class);
                yield Message.aboutTrip(failed.callId(), "payment-failed", false, (member, trip) -> new Object[] {
                        failed.amount().amount(), failed.amount().currency() });
            }
            case PROMOTION_GRANTED -> {
                PromotionGranted granted = data.read(event, PromotionGranted.class);
                yield new Message(null, granted.memberId(), "promotion-granted", false, (member, trip) -> new Object[] {
                        granted.discountPercent(), granted.code() });
            }
            default -> throw new InvalidEvent("notify-friend does not handle " + event.getType());
        };
    }

    /**
     * The friend's read-only link to this trip alone: the web app's share page. The share's API path
     * and token are in the fragment, which a browser never sends, so no server or proxy logs the token.
     */
    private String shareLink(String callId) {
        return tripLinkBase + "/#/shared/trips/" + callId + "?token=" + shares.tokenFor(callId);
    }

    private static String address(Place place) {
        return place.address() != null && !place.address().isBlank() ? place.address()
                : String.format(Locale.ROOT, "%.5f,%.5f", place.lat(), place.lng());
    }

    /**
     * Which message, to whom, and how to fill its template from the member and the trip (none for a
     * message about the member alone).
     */
    private record Message(String callId, String memberId, String kind, boolean toFriend, Arguments arguments) {

        static Message aboutTrip(String callId, String kind, boolean toFriend, Arguments arguments) {
            return new Message(callId, null, kind, toFriend, arguments);
        }

        Object[] arguments(Member member, Trip trip) {
            return arguments.of(member, trip);
        }
    }

    @FunctionalInterface
    private interface Arguments {
        Object[] of(Member member, Trip trip);
    }
}
