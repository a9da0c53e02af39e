package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * One Trigger's data plane, as Knative's Kafka broker runs it: the offsets of a consumer group of
 * its own on the broker's topic, whose starting point is committed the first time it reads a
 * partition (so a crash before its first commit cannot skip what was stored meanwhile). Events
 * that pass the filter are delivered concurrently (unordered, the Kafka broker's default) or one
 * at a time per partition ({@code kafka.eventing.knative.dev/delivery.order: ordered}); each is
 * retried by the delivery policy and otherwise sent to the dead-letter sink, which is retried
 * until it takes it. A
 * partition's offset is committed up to its first unfinished delivery, so a retrying event never
 * holds back later ones and a crash redelivers rather than loses. A consumer that fails is started
 * again with backoff; until then {@link #down()} says why.
 */
final class TriggerDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriggerDispatcher.class);
    /** Deliveries in flight per Trigger before it stops fetching: each one is a virtual thread. */
    private static final int MAX_IN_FLIGHT = 256;
    private static final int MAX_POLL_RECORDS = 100;
    private static final int ERROR_DATA_LIMIT = 1024;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final Route route;
    private final String bootstrapServers;
    private final Consumer<CloudEvent> replies;
    private final Tokens tokens;
    private final ExecutorService deliveries;
    private final Thread supervisor;
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Session session;
    private volatile String down = "starting";
    private volatile boolean running = true;

    /**
     * @param deliveries where deliveries run, shared by all Triggers (virtual threads: a delivery
     *                   waiting out its backoff holds no platform thread)
     */
    TriggerDispatcher(Route route, String bootstrapServers, Consumer<CloudEvent> replies, Tokens tokens,
            ExecutorService deliveries) {
        this.route = route;
        this.bootstrapServers = bootstrapServers;
        this.replies = replies;
        this.tokens = tokens;
        this.deliveries = deliveries;
        // a platform thread: a Kafka consumer's poll blocks in a selector, which would hold one of
        // the few carriers of virtual threads for every Trigger polling at once
        this.supervisor = Thread.ofPlatform().name("trigger-" + route.name()).daemon().unstarted(this::supervise);
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

    URI subscriber() {
        return route.subscriber();
    }

    boolean accepts(CloudEvent event) {
        return route.filter().test(event);
    }

    /** Why the Trigger is not delivering now (its consumer failed and is being started again); empty while it is. */
    Optional<String> down() {
        return Optional.ofNullable(down);
    }

    /** How many times its consumer failed and was started again. */
    int restarts() {
        return restarts.get();
    }

    /** Starts consuming. */
    void start() {
        supervisor.start();
    }

    /** Returns once the Trigger reads its partitions from their starting points (it is ready). */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (!firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("trigger " + route.name() + " did not get its partitions within " + timeout);
        }
    }

    /** Makes the running consumer fail, as a broken poll would: for tests of the restart. */
    void interruptConsumer() {
        Session current = session;
        if (current != null) {
            current.consumer.wakeup();
        }
    }

    /** Delivers one event outside the topic (a redriven letter), with the Trigger's policy and dead-letter sink. */
    CompletableFuture<Boolean> redeliver(CloudEvent event) {
        return CompletableFuture.supplyAsync(() -> deliverOrDeadLetter(event), deliveries);
    }

    private void supervise() {
        Duration wait = FIRST_RESTART;
        while (running) {
            Session current = null;
            Throwable failure = null;
            try {
                current = new Session();
                session = current;
                current.run();
            } catch (WakeupException e) {
                failure = new IllegalStateException("the consumer was interrupted", e);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                if (current != null) {
                    current.close();
                }
            }
            if (failure != null && running) {
                wait = failed(current != null && current.assigned, failure, wait);
            }
        }
    }

    /** @param hadStarted the failed consumer had got its partitions: the backoff starts over */
    private Duration failed(boolean hadStarted, Throwable cause, Duration wait) {
        Duration next = hadStarted ? FIRST_RESTART : wait;
        down = cause.toString();
        restarts.incrementAndGet();
        log.error("trigger {} stopped delivering; its consumer starts again in {} ms", route.name(), next.toMillis(),
                cause);
        sleep(next);
        return min(next.multipliedBy(2), LONGEST_WAIT);
    }

    /** An event of an ordered Trigger waiting for the one before it on its partition. */
    private record Pending(long offset, CloudEvent event) {
    }

    /** One life of the consumer: what it has in flight when it fails is delivered again by the next. */
    private final class Session implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, route.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, route.initialOffset(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS),
                new StringDeserializer(), new ByteArrayDeserializer());
        private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> committed = new HashMap<>();
        private final Map<TopicPartition, ArrayDeque<Pending>> queued = new HashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean assigned;
        private boolean paused;
        private long lastCommit = System.nanoTime();

        void run() {
            // The group's offsets, but no membership: here a Trigger has one consumer, so it takes
            // every partition itself. No heartbeat thread, and started again (after a crash too) it
            // has its partitions at once instead of waiting out the session of the member it was.
            List<TopicPartition> partitions = consumer.partitionsFor(route.topic()).stream()
                    .map(p -> new TopicPartition(route.topic(), p.partition())).toList();
            consumer.assign(partitions);
            startingPoints(partitions);
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        take(record);
                    }
                    flowControl();
                    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                        commit();
                    }
                }
            } catch (WakeupException stopping) {
                if (running) {
                    throw stopping;
                }
            }
            commitOnStop();
        }

        /** What was delivered is committed, if Kafka still answers; otherwise it is delivered again. */
        private void commitOnStop() {
            try {
                commit();
            } catch (RuntimeException notNow) {
                log.warn("trigger {}: offsets not committed on stop, the last events will be delivered again: {}",
                        route.name(), notNow.toString());
            }
        }

        /** A partition without a committed offset gets one now: where this group starts is durable from the first read. */
        private void startingPoints(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> known = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long position = consumer.position(partition);
                progress.put(partition, new PartitionProgress(position));
                committed.put(partition, position);
                if (known.get(partition) == null) {
                    first.put(partition, new OffsetAndMetadata(position));
                }
            }
            if (!first.isEmpty()) {
                consumer.commitSync(first);
            }
            assigned = true;
            down = null;
            firstAssignment.countDown();
        }

        private void take(ConsumerRecord<String, byte[]> record) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            PartitionProgress lane = progress.get(partition);
            String type = KafkaCloudEvents.type(record);
            if (route.type() != null && type != null && !type.equals(route.type())) {
                lane.passed(record.offset());
                return;
            }
            CloudEvent event;
            try {
                event = KafkaCloudEvents.of(record);
            } catch (RuntimeException unreadable) {
                log.error("trigger {}: skipping record {}@{} that is no CloudEvent: {}", route.name(),
                        record.partition(), record.offset(), unreadable.getMessage());
                lane.passed(record.offset());
                return;
            }
            if (!route.filter().test(event)) {
                lane.passed(record.offset());
                return;
            }
            lane.taken(record.offset());
            inFlight.incrementAndGet();
            if (!route.ordered()) {
                dispatch(partition, record.offset(), event);
                return;
            }
            synchronized (queued) {
                ArrayDeque<Pending> waiting = queued.computeIfAbsent(partition, p -> new ArrayDeque<>());
                waiting.add(new Pending(record.offset(), event));
                if (waiting.size() == 1) {
                    dispatch(partition, record.offset(), event);
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
            PartitionProgress lane = progress.get(partition);
            if (done && lane != null) {
                lane.finished(offset);
            }
            if (route.ordered() && done) {
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

        /** Stops fetching while the Trigger has its fill of deliveries in flight, and starts again at half. */
        private void flowControl() {
            int now = inFlight.get();
            if (!paused && now >= MAX_IN_FLIGHT) {
                consumer.pause(consumer.assignment());
                paused = true;
            } else if (paused && now <= MAX_IN_FLIGHT / 2) {
                consumer.resume(consumer.assignment());
                paused = false;
            }
        }

        /** Commits each partition up to its first unfinished delivery, where that moved. */
        private void commit() {
            Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
            progress.forEach((partition, lane) -> {
                long offset = lane.committable();
                if (offset > committed.getOrDefault(partition, -1L)) {
                    moved.put(partition, new OffsetAndMetadata(offset));
                }
            });
            if (!moved.isEmpty()) {
                consumer.commitSync(moved);
                moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
            lastCommit = System.nanoTime();
        }

        @Override
        public void close() {
            try {
                consumer.close(Duration.ofSeconds(1));
            } catch (RuntimeException alreadyBroken) {
                log.debug("trigger {}: closing its consumer: {}", route.name(), alreadyBroken.toString());
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
            return true;
        }
        CloudEvent dead = CloudEventBuilder.from(event)
                .withExtension("knativeerrordest", route.subscriber().toString())
                .withExtension("knativeerrorcode", String.valueOf(failure.status()))
                .withExtension("knativeerrordata", Base64.getEncoder().encodeToString(
                        Arrays.copyOf(failure.body(), Math.min(failure.body().length, ERROR_DATA_LIMIT))))
                .build();
        Duration wait = FIRST_RESTART;
        for (int attempt = 1; running; attempt++) {
            try {
                int answer = Subscriber.post(route.deadLetterSink(), dead, route.policy().timeout(),
                        tokens.deadLetterSink().get()).status();
                if (answer >= 200 && answer < 300) {
                    log.warn("trigger {}: {} {} dead-lettered ({} from {})", route.name(), event.getType(),
                            event.getId(), failure.status(), route.subscriber());
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

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        interruptConsumer();
        if (supervisor.getState() == Thread.State.NEW) {
            return; // never delivered: the stack stopped while starting
        }
        try {
            supervisor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
