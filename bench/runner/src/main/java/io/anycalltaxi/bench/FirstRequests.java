package io.anycalltaxi.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.anycalltaxi.core.events.ArrivedAtPickup;
import io.anycalltaxi.core.events.CallWaiting;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.security.PhoneIdentity;
import io.anycalltaxi.local.LocalStack;
import io.cloudevents.CloudEvent;

/**
 * For table 5, each function's first real request, as the gateway or a Trigger would send it, with
 * a real token: whatever it needs is made beforehand through the stack, so that the time measured
 * is the function's own. Where a function's usual first request needs a trip further along than a
 * fresh call, it gets the request it answers for a call that has just been made, and refuses: the
 * refusal (4xx problem) runs the same token check, decoding and MongoDB reads.
 */
final class FirstRequests {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final Stage stage;
    private final LocalStack stack;

    FirstRequests(Stage stage) {
        this.stage = stage;
        this.stack = stage.stack();
    }

    /** What the function is sent once it is ready, prepared now. */
    Function<Api, Api.Answer> prepare(String function) {
        return switch (function) {
            case "sign-in" -> {
                String phone = freshPhone();
                yield api -> api.post("/auth/codes", Map.of("phone", phone), null);
            }
            case "register-member" -> {
                String phone = freshPhone();
                String token = stack.people().accessFor(new PhoneIdentity(PhoneNumber.parse(phone).orElseThrow(), null,
                        null), TOKEN_LIFETIME).value();
                yield api -> api.post("/members", Map.of("name", "Cold Start", "phone", phone, "friendPhone",
                        freshPhone(), "language", "en", "card", Map.of("number", "4242424242424242", "expMonth", 12,
                                "expYear", 2035, "cvc", "123")), token);
            }
            case "create-call" -> {
                Members.Caller caller = stage.members().next();
                yield api -> api.call(caller);
            }
            case "assign-taxi" -> {
                Map<String, String> taxi = Map.of("taxiId", "taxi-cold-" + UUID.randomUUID(), "taxiNumber", "서울00바0001",
                        "driverName", "Cold Start", "phone", "+82" + freshPhone().substring(1));
                yield api -> api.post("/taxis", taxi, stack.operatorToken());
            }
            case "driver-ingress" -> {
                String taxiId = "taxi-cold-" + UUID.randomUUID();
                String token = stack.people().accessFor(new PhoneIdentity(PhoneNumber.parse(freshPhone()).orElseThrow(),
                        null, taxiId), TOKEN_LIFETIME).value();
                CloudEvent report = event(EventType.DRIVER_LOCATION_REPORTED, "/drivers/" + taxiId, null,
                        new LocationReported(taxiId, 37.5, 127.0, true));
                yield api -> api.post("/events", report, token);
            }
            case "payment" -> {
                // the local processor's tokens carry brand and last four: any of its tokens can be charged
                PaymentRequest charge = new PaymentRequest("call-" + UUID.randomUUID(), "member-cold",
                        "tok_local_visa_4242_cold", "4242",
                        Money.won(9_900));
                String token = stack.workloads().token(stack.workloads().serviceAccount("end-trip-pay"), "payment");
                yield api -> api.post("/payments", charge, token, "Idempotency-Key", charge.callId() + "#1");
            }
            case "end-trip-pay" -> api -> api.get("/operations/trips?status=STARTED", stack.operatorToken());
            default -> afterACall(function);
        };
    }

    /** The functions whose first request is about a trip: a call made through the stack first. */
    private Function<Api, Api.Answer> afterACall(String function) {
        Members.Caller caller = stage.members().next();
        String callId = stage.gateway().call(caller).text("callId");
        return switch (function) {
            case "project-view" -> api -> api.get("/trips/" + callId, caller.token());
            case "usage-insights" -> api -> api.get("/members/" + caller.memberId() + "/insights", caller.token());
            case "review-trip" -> api -> api.post("/calls/" + callId + "/review",
                    Map.of("memberId", caller.memberId(), "rating", 5, "comment", "quick"), caller.token());
            case "notify-friend" -> delivered("notify-friend--call-waiting", "notify-friend",
                    event(EventType.CALL_WAITING, "/apis/v1/namespaces/anycalltaxi/pingsources/dispatch-tick", callId,
                            new CallWaiting(callId, 120, 1)));
            case "start-trip" -> delivered("start-trip--driver-arrived", "start-trip",
                    event(EventType.DRIVER_ARRIVED, "/drivers/taxi-cold", callId, new ArrivedAtPickup(callId, "taxi-cold")));
            default -> throw new IllegalArgumentException("no first request for " + function);
        };
    }

    /** As its Trigger delivers it. */
    private Function<Api, Api.Answer> delivered(String trigger, String function, CloudEvent event) {
        String token = stack.workloads().token(stack.workloads().trigger(trigger), function);
        return api -> api.post("/", event, token);
    }

    private static CloudEvent event(EventType type, String source, String subject, Record data) {
        return EventFactory.fromProducer(URI.create(source), type, subject, data);
    }

    private static String freshPhone() {
        return String.format("010%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
