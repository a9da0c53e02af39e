package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;

/**
 * One Trigger's data plane, as Knative's Kafka broker runs it: the offsets of a consumer group of
 * its own on the broker's topic, read for it by the topic's {@link TopicReader}. Events that pass
 * the filter are delivered concurrently (unordered, the Kafka broker's default) or one at a time
 * per partition ({@code kafka.eventing.knative.dev/delivery.order: ordered}); each is retried by
 * the delivery policy and otherwise sent to the dead-letter sink, which is retried until it takes
 * it. A partition's offset is committed up to its first unfinished delivery, so a retrying event
 * never holds back later ones and a crash redelivers rather than loses.
 */
final class TriggerDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriggerDispatcher.class);
    /** Deliveries in flight before the Trigger declines more: each one is a virtual thread. */
    static final int MAX_IN_FLIGHT = 256;
    private static final int ERROR_DATA_LIMIT = 1024;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final Route route;
    private final Counter deadLetters;
    private final TopicReader reader;
    private final Consumer<CloudEvent> replies;
    private final Tokens tokens;
    private final ExecutorService deliveries;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Reading reading;
    private volatile boolean running = true;

    /**
     * @param reader     what reads the Trigger's broker topic for it
     * @param deliveries where deliveries run, shared by all Triggers (virtual threads: a delivery
     *                   waiting out its backoff holds no platform thread)
     */
    TriggerDispatcher(Route route, TopicReader reader, Consumer<CloudEvent> replies, Tokens tokens,
            ExecutorService deliveries, Counter deadLetters) {
        this.deadLetters = deadLetters;
        this.route = route;
        this.reader = reader;
        this.replies = replies;
        this.tokens = tokens;
        this.deliveries = deliveries;
    }

    /**
     * What a Trigger delivers where, as its manifest says.
     *
     * @param type          the type every event it takes has (its filter names it exactly), or null
     * @param ordered       one event at a time per partition, in order
     * @param initialOffset where a new consumer group starts: "latest" (Knative's default) or "earliest"
     */
    record Route(String name, String topic, String groupId, Predicate<CloudEvent> filter, String type, URI subscriber,
            DeliveryPolicy policy, URI deadLetterSink, boolean ordered, String initialOffset) {
    }

    /** The Trigger's own identity, as Knative's dispatcher presents it: for its subscriber and its dead-letter sink. */
    record Tokens(Supplier<String> subscriber, Supplier<String> deadLetterSink) {
    }

    String name() {
        return route.name();
    }

    String topic() {
        return route.topic();
    }

    String groupId() {
        return route.groupId();
    }

    String initialOffset() {
        return route.initialOffset();
    }

    URI subscriber() {
        return route.subscriber();
    }

    boolean accepts(CloudEvent event) {
        return route.filter().test(event);
    }

    /** Why the Trigger is not delivering now (its topic's consumer failed and is being started again); empty while it is. */
    Optional<String> down() {
        return reader.down();
    }

    /** How many times its topic's consumer failed and was started again. */
    int restarts() {
        return reader.restarts();
    }

    /** Makes the consumer of its topic fail, as a broken poll would: for tests of the restart. */
    void interruptConsumer() {
        reader.interruptConsumer();
    }

    /** Delivers one event outside the topic (a redriven letter), with the Trigger's policy and dead-letter sink. */
    CompletableFuture<Boolean> redeliver(CloudEvent event) {
        return CompletableFuture.supplyAsync(() -> deliverOrDeadLetter(event), deliveries);
    }

    /** The reader starts reading for the Trigger from these offsets; what the last reading had in flight is delivered again. */
    void begin(Map<TopicPartition, Long> from) {
        reading = new Reading(from);
    }

    /**
     * The reader's next record of a partition: taken if it is the one the Trigger reads next and it
     * has room, passed over if its type or filter does not match.
     *
     * @param type  the record's {@code ce_type} header, null in structured mode
     * @param event the record's event, decoded when asked for; null if it is no CloudEvent
     */
    void offer(TopicPartition partition, long offset, String type, Supplier<CloudEvent> event) {
        reading.offer(partition, offset, type, event);
    }

    /** The offset of a partition the Trigger reads next. */
    long next(TopicPartition partition) {
        return reading.progress.get(partition).next();
    }

    /** Whether the Trigger takes records now, rather than declining them until its deliveries in flight halve. */
    boolean hasRoom() {
        return reading.hasRoom();
    }

    /** The offsets to commit, of the partitions where they moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> moved() {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        Reading current = reading;
        current.progress.forEach((partition, lane) -> {
            long offset = lane.committable();
            if (offset > current.committed.getOrDefault(partition, -1L)) {
                moved.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return moved;
    }

    /** Kafka has these offsets now. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> reading.committed.put(partition, offset.offset()));
    }

    /** An event of an ordered Trigger waiting for the one before it on its partition. */
    private record Pending(long offset, CloudEvent event) {
    }

    /** One life of the reader's consumer: what was in flight when it ended is delivered again in the next. */
    private final class Reading {

        private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
        private final Map<TopicPartition, ArrayDeque<Pending>> queued = new HashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean full;

        Reading(Map<TopicPartition, Long> from) {
            from.forEach((partition, offset) -> {
                progress.put(partition, new PartitionProgress(offset));
                committed.put(partition, offset);
            });
        }

        boolean hasRoom() {
            if (full && inFlight.get() <= MAX_IN_FLIGHT / 2) {
                full = false;
            }
            return !full;
        }

        void offer(TopicPartition partition, long offset, String type, Supplier<CloudEvent> decoded) {
            PartitionProgress lane = progress.get(partition);
            // another offset was seen before or is read again for a Trigger that declined it
            if (offset != lane.next() || !hasRoom()) {
                return;
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                full = true;
                return;
            }
            if (route.type() != null && type != null && !type.equals(route.type())) {
                lane.passed(offset);
                return;
            }
            CloudEvent event = decoded.get();
            if (event == null || !route.filter().test(event)) {
                lane.passed(offset);
                return;
            }
            lane.taken(offset);
            inFlight.incrementAndGet();
            if (!route.ordered()) {
                dispatch(partition, offset, event);
                return;
            }
            synchronized (queued) {
                ArrayDeque<Pending> waiting = queued.computeIfAbsent(partition, p -> new ArrayDeque<>());
                waiting.add(new Pending(offset, event));
                if (waiting.size() == 1) {
                    dispatch(partition, offset, event);
                }
            }
        }

        private void dispatch(TopicPartition partition, long offset, CloudEvent event) {
            CompletableFuture.supplyAsync(() -> deliverOrDeadLetter(event), deliveries)
                    .whenComplete((done, failure) -> finished(partition, offset, Boolean.TRUE.equals(done)));
        }

        /** Not done means the Trigger is stopping: the offset stays uncommitted and the event is delivered again. */
        private void finished(TopicPartition partition, long offset, boolean done) {
            inFlight.decrementAndGet();
            if (done) {
                progress.get(partition).finished(offset);
            }
            // a reading that ended leaves what it queued to the next, which reads it again
            if (route.ordered() && done && reading == this) {
                synchronized (queued) {
                    ArrayDeque<Pending> waiting = queued.get(partition);
                    waiting.poll();
                    Pending next = waiting.peek();
                    if (next != null) {
                        dispatch(partition, next.offset(), next.event());
                    }
                }
            }
        }
    }

    /** @return false if the Trigger stopped before the event was delivered or dead-lettered */
    private boolean deliverOrDeadLetter(CloudEvent event) {
        Failure failure;
        try {
            failure = deliver(event);
        } catch (RuntimeException unexpected) {
            log.error("trigger {}: delivering {} {} failed", route.name(), event.getType(), event.getId(), unexpected);
            failure = new Failure(0, String.valueOf(unexpected));
        }
        if (failure == null) {
            return true;
        }
        return running && deadLetter(event, failure);
    }

    /** Why a delivery failed for good: the last status (0 if nothing answered) and what came with it. */
    private record Failure(int status, byte[] body) {
        Failure(int status, String reason) {
            this(status, reason.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return null once delivered; the failure after the last retry (or a failure no retry can fix) */
    private Failure deliver(CloudEvent event) {
        DeliveryPolicy policy = route.policy();
        Failure last = null;
        for (int attempt = 0; attempt <= policy.retry() && running; attempt++) {
            if (attempt > 0 && !sleep(policy.backoff(attempt))) {
                break;
            }
            try {
                Subscriber.Answer answer = Subscriber.post(route.subscriber(), event, policy.timeout(),
                        tokens.subscriber().get());
                if (answer.status() >= 200 && answer.status() < 300) {
                    Optional<CloudEvent> reply = answer.reply();
                    reply.ifPresent(replies);
                    return null;
                }
                last = new Failure(answer.status(), answer.body());
                log.warn("trigger {}: {} answered {} to {} {} (attempt {})", route.name(), route.subscriber(),
                        answer.status(), event.getType(), event.getId(), attempt + 1);
                if (!DeliveryPolicy.retryable(answer.status())) {
                    return last;
                }
            } catch (Subscriber.InvalidReply e) {
                log.warn("trigger {}: {} replied with an invalid event to {}: {}", route.name(), route.subscriber(),
                        event.getId(), e.getMessage());
                return new Failure(200, "invalid reply: " + e.getMessage());
            } catch (LocalBroker.NotAllowed e) {
                log.warn("trigger {}: the reply to {} was refused: {}", route.name(), event.getId(), e.getMessage());
                return new Failure(200, "reply refused: " + e.getMessage());
            } catch (IOException e) {
                last = new Failure(0, String.valueOf(e.getMessage()));
                log.warn("trigger {}: {} unreachable for {} {} (attempt {}): {}", route.name(), route.subscriber(),
                        event.getType(), event.getId(), attempt + 1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                last = new Failure(0, "the reply could not be stored: " + e.getMessage());
                log.warn("trigger {}: the reply to {} could not be stored, retrying: {}", route.name(), event.getId(),
                        e.getMessage());
            }
        }
        return last;
    }

    /**
     * To the dead-letter sink, with Knative's error extensions, retried until the sink takes it;
     * dropped (logged) if there is none, as Knative does.
     *
     * @return false if the Trigger stopped first
     */
    private boolean deadLetter(CloudEvent event, Failure failure) {
        if (route.deadLetterSink() == null) {
            log.error("trigger {}: {} {} dropped after {} retries (no dead-letter sink)", route.name(), event.getType(),
                    event.getId(), route.policy().retry());
            deadLetters.increment();
            return true;
        }
        CloudEvent dead = CloudEventBuilder.from(event)
                .withExtension("knativeerrordest", route.subscriber().toString())
                .withExtension("knativeerrorcode", String.valueOf(failure.status()))
                .withExtension("knativeerrordata", Base64.getEncoder().encodeToString(
                        Arrays.copyOf(failure.body(), Math.min(failure.body().length, ERROR_DATA_LIMIT))))
                .build();
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; running; attempt++) {
            try {
                int answer = Subscriber.post(route.deadLetterSink(), dead, route.policy().timeout(),
                        tokens.deadLetterSink().get()).status();
                if (answer >= 200 && answer < 300) {
                    log.warn("trigger {}: {} {} dead-lettered ({} from {})", route.name(), event.getType(),
                            event.getId(), failure.status(), route.subscriber());
                    deadLetters.increment();
                    return true;
                }
                log.error("trigger {}: the dead-letter sink answered {} for {} (attempt {}); trying again in {} ms",
                        route.name(), answer, event.getId(), attempt, wait.toMillis());
            } catch (IOException e) {
                log.error("trigger {}: the dead-letter sink is unreachable for {} (attempt {}); trying again in {} ms: {}",
                        route.name(), event.getId(), attempt, wait.toMillis(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!sleep(wait)) {
                return false;
            }
            wait = min(wait.multipliedBy(2), LONGEST_WAIT);
        }
        return false;
    }

    /** Waits, unless the Trigger stops first. @return whether it is still running */
    private boolean sleep(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops retrying: what is not delivered yet stays uncommitted, to be delivered again. */
    @Override
    public void close() {
        running = false;
        stopping.countDown();
    }
}
