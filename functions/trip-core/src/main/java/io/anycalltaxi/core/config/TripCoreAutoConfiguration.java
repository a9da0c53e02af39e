package io.anycalltaxi.core.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.cloudevents.CloudEventEndpoint;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventHandlers;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.EventTraceHeaders;
import io.anycalltaxi.core.cloudevents.EventTracing;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.core.fare.Tariff;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.outbox.OutboxRelay;
import io.anycalltaxi.core.outbox.OutboxRelays;
import io.anycalltaxi.core.outbox.RelayLease;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.security.WorkloadTokens;
import io.anycalltaxi.core.store.Claims;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.store.Trips;
import io.anycalltaxi.core.web.CallContextFilter;
import io.anycalltaxi.core.web.ProblemAdvice;
import io.anycalltaxi.core.web.ResponseEndFilter;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.validation.Validator;

/**
 * What every function gets from the shared kernel. Before Spring MVC's auto-configuration, so that
 * Boot sees {@link ProblemAdvice} and does not add its own problem-details handler beside it.
 */
@AutoConfiguration(after = MongoDataAutoConfiguration.class, before = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(Tariff.class)
@EnableScheduling
@Import({ CloudEventEndpoint.class, ProblemAdvice.class })
public class TripCoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One claim mechanic, and one setting for when a claim was abandoned. */
    @Bean
    Claims claims(MongoOperations mongo, Clock clock,
            @Value("${anycalltaxi.claims.stale-after:30s}") Duration staleAfter) {
        return new Claims(mongo, clock, new ClaimAge(staleAfter));
    }

    @Bean
    EventFactory eventFactory(@Value("${spring.application.name}") String functionName) {
        return new EventFactory(functionName);
    }

    @Bean
    EventData eventData(Validator validator) {
        return new EventData(validator);
    }

    @Bean
    EventHandlers eventHandlers(ApplicationContext context, FunctionCatalog catalog) {
        return new EventHandlers(context, catalog);
    }

    @Bean
    EventPublisher eventPublisher(@Value("${K_SINK:}") String sink, @Value("${K_CE_OVERRIDES:}") String overrides,
            @Value("${anycalltaxi.publish-timeout:5s}") Duration timeout, WorkloadTokens identity, EventTracing tracing,
            ObjectProvider<ObservationRegistry> observations) {
        return new EventPublisher(sink, overrides, timeout, identity, tracing,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** With tracing off (no tracer), events keep the trace context they were given. */
    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Ahead of the request's observation (Boot's filter is at HIGHEST_PRECEDENCE + 1), so the span sees it. */
    @Bean
    FilterRegistrationBean<EventTraceHeaders> eventTraceHeaders() {
        FilterRegistrationBean<EventTraceHeaders> registration = new FilterRegistrationBean<>(new EventTraceHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TripTransitions tripTransitions(EventData data, EventFactory events, Trips trips, Clock clock) {
        return new TripTransitions(data, events, trips, clock);
    }

    @Bean
    Trips trips(MongoOperations mongo) {
        return new Trips(mongo);
    }

    @Bean
    TripOutbox tripOutbox(Trips trips, EventPublisher publisher, EventFactory events, Clock clock,
            @Value("${anycalltaxi.outbox.grace:10s}") Duration grace) {
        return new TripOutbox(trips, publisher, events, clock, grace);
    }

    @Bean
    OutboxRelays outboxRelays(List<OutboxRelay> relays, MongoOperations mongo,
            @Value("${spring.application.name}") String functionName,
            @Value("${anycalltaxi.outbox.relay-lease:1m}") Duration lease, Clock clock, MeterRegistry meters) {
        return new OutboxRelays(relays, new RelayLease(mongo, functionName, lease, clock), meters, clock);
    }

    /**
     * A function whose only work on a dispatch tick is relaying its outbox takes the tick here
     * ({@code anycalltaxi.outbox.relay-on-tick}); the relay itself runs after every tick.
     */
    @Bean
    @ConditionalOnProperty("anycalltaxi.outbox.relay-on-tick")
    @HandlesEvent(EventType.DISPATCH_TICK)
    Function<CloudEvent, CloudEvent> relayOnTick() {
        return tick -> null;
    }

    @Bean
    Promotions promotions(MongoOperations mongo, Trips trips) {
        return new Promotions(mongo, trips);
    }

    @Bean
    MemberDirectory memberDirectory(MongoOperations mongo) {
        return new MemberDirectory(mongo);
    }

    @Bean
    Fares fares(Tariff tariff) {
        return new Fares(tariff);
    }

    /**
     * A MongoDB that cannot be reached is noticed in seconds rather than the driver's 30: requests
     * are then refused (503) or retried by the broker, instead of hanging.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer promptMongoFailures(
            @Value("${anycalltaxi.mongo.server-selection-timeout:3s}") Duration selection,
            @Value("${anycalltaxi.mongo.connect-timeout:2s}") Duration connect) {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(selection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Outermost, so that every other filter has written what it writes before the response ends (the
     * others at this order only look at the request on its way in).
     */
    @Bean
    FilterRegistrationBean<ResponseEndFilter> responseEndFilter() {
        FilterRegistrationBean<ResponseEndFilter> registration = new FilterRegistrationBean<>(new ResponseEndFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CallContextFilter> callContextFilter() {
        return new FilterRegistrationBean<>(new CallContextFilter());
    }

    /**
     * Readiness by {@code ping}: Boot's own Mongo indicator asks {@code hello}, which the embedded
     * server does not answer. Not named "mongo", so it does not replace Boot's by accident.
     */
    @Bean
    HealthIndicator mongoPing(MongoOperations mongo) {
        return () -> {
            mongo.executeCommand("{ ping: 1 }");
            return Health.up().build();
        };
    }
}
