package io.anycalltaxi.local.eventing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.sources.v1.PingSource;

/**
 * Knative PingSources: on each tick of the (five-field) cron schedule, an event of type
 * {@code dev.knative.sources.ping} with source {@code /apis/v1/namespaces/<ns>/pingsources/<name>}
 * and the source's data goes to its sink.
 */
final class PingSources implements AutoCloseable {

    static final String TYPE = "dev.knative.sources.ping";
    private static final Logger log = LoggerFactory.getLogger(PingSources.class);
    private static final String TZ_PREFIX = "CRON_TZ=";

    private final Map<String, PingSource> byName;
    private final String namespace;
    private final Function<PingSource, Consumer<CloudEvent>> sinks;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pingsources");
        thread.setDaemon(true);
        return thread;
    });

    PingSources(List<PingSource> sources, String namespace,
            Function<PingSource, Consumer<CloudEvent>> sinks, Clock clock) {
        this.byName = sources.stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        this.namespace = namespace;
        this.sinks = sinks;
        this.clock = clock;
    }

    void schedule() {
        byName.values().forEach(this::scheduleNext);
    }

    /** Sends one ping now, as the schedule would. */
    CloudEvent fire(String name) {
        PingSource source = byName.get(name);
        if (source == null) {
            throw new IllegalArgumentException("no PingSource " + name);
        }
        CloudEvent ping = ping(source);
        sinks.apply(source).accept(ping);
        return ping;
    }

    private void scheduleNext(PingSource source) {
        String schedule = source.getSpec().getSchedule().trim();
        ZoneId zone = source.getSpec().getTimezone() == null ? ZoneId.of("UTC") : ZoneId.of(source.getSpec().getTimezone());
        if (schedule.startsWith(TZ_PREFIX)) {
            zone = ZoneId.of(schedule.substring(TZ_PREFIX.length(), schedule.indexOf(' ')));
            schedule = schedule.substring(schedule.indexOf(' ') + 1).trim();
        }
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        ZonedDateTime next = CronExpression.parse("0 " + schedule).next(now);
        scheduler.schedule(() -> {
            try {
                fire(source.getMetadata().getName());
            } catch (RuntimeException e) {
                log.warn("PingSource {} could not send its ping: {}", source.getMetadata().getName(), e.getMessage());
            }
            scheduleNext(source);
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    private CloudEvent ping(PingSource source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/apis/v1/namespaces/" + namespace + "/pingsources/" + source.getMetadata().getName()))
                .withType(TYPE)
                .withTime(OffsetDateTime.now(clock));
        if (source.getSpec().getData() != null) {
            builder.withDataContentType(source.getSpec().getContentType())
                    .withData(source.getSpec().getData().getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
