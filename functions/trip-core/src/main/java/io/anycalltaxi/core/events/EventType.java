package io.anycalltaxi.core.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event catalog: every CloudEvent type the system speaks, its data record and who
 * produces it. Handlers, triggers and tests name types through this enum, never by string copies.
 */
public enum EventType {

    MEMBER_REGISTERED("io.anycalltaxi.member.registered", MemberRegistered.class, "register-member"),
    MEMBER_CARD_UPDATED("io.anycalltaxi.member.card.updated", MemberCardUpdated.class, "register-member"),
    CALL_REQUESTED("io.anycalltaxi.call.requested", CallRequested.class, "create-call"),
    CALL_CANCELLED("io.anycalltaxi.call.cancelled", CallCancelled.class, "create-call"),
    CALL_REOPENED("io.anycalltaxi.call.reopened", CallReopened.class, "assign-taxi"),
    CALL_OFFERED("io.anycalltaxi.call.offered", CallOffered.class, "assign-taxi"),
    CALL_WAITING("io.anycalltaxi.call.waiting", CallWaiting.class, "assign-taxi"),
    CALL_EXPIRED("io.anycalltaxi.call.expired", CallExpired.class, "assign-taxi"),
    TAXI_ASSIGNED("io.anycalltaxi.taxi.assigned", TaxiAssigned.class, "assign-taxi"),
    CALL_ACCEPTANCE_REJECTED("io.anycalltaxi.call.acceptance.rejected", CallAcceptanceRejected.class, "assign-taxi"),
    TAXI_ARRIVED("io.anycalltaxi.taxi.arrived", TaxiArrived.class, "start-trip"),
    CALL_NOSHOW("io.anycalltaxi.call.noshow", CallNoShow.class, "start-trip"),
    TRIP_STARTED("io.anycalltaxi.trip.started", TripStarted.class, "start-trip"),
    TRIP_OVERDUE("io.anycalltaxi.trip.overdue", TripOverdue.class, "assign-taxi"),
    TRIP_VOIDED("io.anycalltaxi.trip.voided", TripVoided.class, "end-trip-pay"),
    TRIP_ENDED("io.anycalltaxi.trip.ended", TripEnded.class, "end-trip-pay"),
    PAYMENT_COMPLETED("io.anycalltaxi.payment.completed", PaymentCompleted.class, "end-trip-pay"),
    PAYMENT_FAILED("io.anycalltaxi.payment.failed", PaymentFailed.class, "end-trip-pay"),
    PAYMENT_REFUNDED("io.anycalltaxi.payment.refunded", PaymentRefunded.class, "end-trip-pay"),
    TRIP_COMPLETED("io.anycalltaxi.trip.completed", TripCompleted.class, "end-trip-pay"),
    TEXT_SENT("io.anycalltaxi.text.sent", TextSent.class, "notify-friend"),
    TRIP_REVIEWED("io.anycalltaxi.trip.reviewed", TripReviewed.class, "review-trip"),
    PROMOTION_GRANTED("io.anycalltaxi.promotion.granted", PromotionGranted.class, "usage-insights"),
    DRIVER_LOCATION_REPORTED("io.anycalltaxi.driver.location.reported", LocationReported.class, Producers.DRIVER_APP),
    DRIVER_CALL_ACCEPTED("io.anycalltaxi.driver.call.accepted", CallAccepted.class, Producers.DRIVER_APP),
    DRIVER_CALL_CANCELLED("io.anycalltaxi.driver.call.cancelled", CallGivenBack.class, Producers.DRIVER_APP),
    DRIVER_ARRIVED("io.anycalltaxi.driver.arrived", ArrivedAtPickup.class, Producers.DRIVER_APP),
    DRIVER_PASSENGER_NOSHOW("io.anycalltaxi.driver.passenger.noshow", PassengerNoShow.class, Producers.DRIVER_APP),
    DRIVER_PASSENGER_BOARDED("io.anycalltaxi.driver.passenger.boarded", PassengerBoarded.class, Producers.DRIVER_APP),
    DRIVER_PASSENGER_ALIGHTED("io.anycalltaxi.driver.passenger.alighted", PassengerAlighted.class, Producers.DRIVER_APP),
    /** A PingSource cannot set its type: triggers match this type and the PingSource's source. */
    DISPATCH_TICK("dev.knative.sources.ping", DispatchTick.class, Producers.PING_SOURCE);

    private final String type;
    private final Class<? extends Record> dataType;
    private final String producer;

    EventType(String type, Class<? extends Record> dataType, String producer) {
        this.type = type;
        this.dataType = dataType;
        this.producer = producer;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Class<? extends Record> dataType() {
        return dataType;
    }

    /** The function name, or {@link Producers#DRIVER_APP} / {@link Producers#PING_SOURCE}. */
    public String producer() {
        return producer;
    }

    /**
     * A fact no function acts on: {@code call.acceptance.rejected} answers the driver app, which
     * sees its offers go and reads the reason in its own log of what it sent; nothing else
     * depends on it.
     */
    public boolean isTerminal() {
        return this == CALL_ACCEPTANCE_REJECTED;
    }

    public static Optional<EventType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static final class Producers {
        public static final String DRIVER_APP = "driver-app";
        public static final String PING_SOURCE = "pingsource/dispatch-tick";

        private Producers() {
        }
    }
}
