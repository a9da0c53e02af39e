package io.anycalltaxi.local.eventing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;

/**
 * Reads a broker's topic once for all its Triggers: one consumer fetches each record and decodes
 * it at most once, and each Trigger takes it or passes over it at its own offsets, committed to
 * its own consumer group as Knative's Kafka broker keeps them. Knative runs a consumer per Trigger;
 * here, with every Trigger in one process on few cores, one fetch instead of one per Trigger is
 * what sharing the consumer buys. A Trigger with its fill of deliveries in flight declines what
 * comes next and is read again from its own offsets once it has room, so a slow subscriber holds
 * back no other Trigger. A consumer that fails is started again with backoff; until then
 * {@link #down()} says why.
 */
final class TopicReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
    private static final int MAX_POLL_RECORDS = 500;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final String bootstrapServers;
    private final List<TriggerDispatcher> triggers = new ArrayList<>();
    private final Thread supervisor;
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Session session;
    private volatile String down = "starting";
    private volatile boolean running = true;

    TopicReader(String topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        // a platform thread: a Kafka consumer's poll blocks in a selector, which would hold one of
        // the few carriers of the deliveries' virtual threads
        this.supervisor = Thread.ofPlatform().name("topic-reader-" + topic).daemon().unstarted(this::supervise);
    }

    String topic() {
        return topic;
    }

    /** Before {@link #start()}: a Trigger of this topic's broker. */
    void add(TriggerDispatcher trigger) {
        triggers.add(trigger);
    }

    /** Why the Triggers are not delivering now (the consumer failed and is being started again); empty while they are. */
    Optional<String> down() {
        return Optional.ofNullable(down);
    }

    /** How many times the consumer failed and was started again. */
    int restarts() {
        return restarts.get();
    }

    void start() {
        supervisor.start();
    }

    /** Returns once every Trigger reads the partitions from its starting points (they are ready). */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (!firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the triggers of " + topic + " did not get their partitions within "
                    + timeout);
        }
    }

    /** Makes the running consumer fail, as a broken poll would: for tests of the restart. */
    void interruptConsumer() {
        Session current = session;
        if (current != null) {
            current.consumer.wakeup();
        }
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
        log.error("the triggers of {} stopped delivering; their consumer starts again in {} ms", topic,
                next.toMillis(), cause);
        try {
            stopping.await(next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return next.multipliedBy(2).compareTo(LONGEST_WAIT) <= 0 ? next.multipliedBy(2) : LONGEST_WAIT;
    }

    /** One life of the consumer: what the Triggers have in flight when it fails is delivered again by the next. */
    private final class Session implements AutoCloseable {

        // No group of its own: the offsets are each Trigger's, kept in the Trigger's group. No
        // membership either, so no heartbeat thread, and started again (after a crash too) it has
        // its partitions at once instead of waiting out the session of the member it was.
        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS),
                new StringDeserializer(), new ByteArrayDeserializer());
        private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers));
        private List<TopicPartition> partitions = List.of();
        private volatile boolean assigned;
        private boolean paused;
        private long lastCommit = System.nanoTime();

        void run() {
            partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            startingPoints();
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        offer(record);
                    }
                    readAgainWhereNeeded();
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

        /**
         * Each Trigger starts at its group's committed offsets; a group without one gets its starting
         * point (latest or earliest, as its Trigger says) committed now, so where it starts is durable
         * from the first read. The consumer reads from the earliest of them.
         */
        private void startingPoints() {
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
            triggers.forEach(trigger -> groups.put(trigger.groupId(),
                    new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
            var known = admin.listConsumerGroupOffsets(groups);
            Map<TopicPartition, Long> readFrom = new HashMap<>();
            List<KafkaFuture<Void>> firstCommits = new ArrayList<>();
            for (TriggerDispatcher trigger : triggers) {
                Map<TopicPartition, OffsetAndMetadata> committed = await(known.partitionsToOffsetAndMetadata(
                        trigger.groupId()));
                Map<TopicPartition, Long> from = new HashMap<>();
                Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    long start;
                    if (offset == null) {
                        start = "earliest".equals(trigger.initialOffset()) ? beginning.get(partition) : end.get(partition);
                        first.put(partition, new OffsetAndMetadata(start));
                    } else {
                        // what retention removed is gone: read from what is left, as auto.offset.reset would
                        start = Math.min(Math.max(offset.offset(), beginning.get(partition)), end.get(partition));
                    }
                    from.put(partition, start);
                    readFrom.merge(partition, start, Math::min);
                }
                if (!first.isEmpty()) {
                    firstCommits.add(admin.alterConsumerGroupOffsets(trigger.groupId(), first).all());
                }
                trigger.begin(from);
            }
            firstCommits.forEach(TopicReader::await);
            readFrom.forEach(consumer::seek);
            assigned = true;
            down = null;
            firstAssignment.countDown();
        }

        /** Every Trigger sees the record; it is decoded once, the first time one needs the event. */
        private void offer(ConsumerRecord<String, byte[]> record) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            String type = KafkaCloudEvents.type(record);
            Supplier<CloudEvent> event = new Decoded(record);
            for (TriggerDispatcher trigger : triggers) {
                trigger.offer(partition, record.offset(), type, event);
            }
        }

        /**
         * Moves the consumer back to the first offset a Trigger with room has yet to see (one that
         * declined records while full), and stops fetching while every Trigger is full.
         */
        private void readAgainWhereNeeded() {
            boolean anyHasRoom = false;
            for (TopicPartition partition : partitions) {
                long earliest = Long.MAX_VALUE;
                for (TriggerDispatcher trigger : triggers) {
                    if (trigger.hasRoom()) {
                        anyHasRoom = true;
                        earliest = Math.min(earliest, trigger.next(partition));
                    }
                }
                if (earliest < consumer.position(partition)) {
                    consumer.seek(partition, earliest);
                }
            }
            if (!paused && !anyHasRoom) {
                consumer.pause(partitions);
                paused = true;
            } else if (paused && anyHasRoom) {
                consumer.resume(partitions);
                paused = false;
            }
        }

        /** Commits each Trigger's partitions up to its first unfinished delivery, where that moved. */
        private void commit() {
            Map<TriggerDispatcher, Map<TopicPartition, OffsetAndMetadata>> moved = new HashMap<>();
            Map<TriggerDispatcher, KafkaFuture<Void>> commits = new HashMap<>();
            for (TriggerDispatcher trigger : triggers) {
                Map<TopicPartition, OffsetAndMetadata> offsets = trigger.moved();
                if (!offsets.isEmpty()) {
                    moved.put(trigger, offsets);
                    commits.put(trigger, admin.alterConsumerGroupOffsets(trigger.groupId(), offsets).all());
                }
            }
            commits.forEach((trigger, commit) -> {
                await(commit);
                trigger.committed(moved.get(trigger));
            });
            lastCommit = System.nanoTime();
        }

        /** What was delivered is committed, if Kafka still answers; otherwise it is delivered again. */
        private void commitOnStop() {
            try {
                commit();
            } catch (RuntimeException notNow) {
                log.warn("the triggers of {}: offsets not committed on stop, the last events will be delivered again: {}",
                        topic, notNow.toString());
            }
        }

        @Override
        public void close() {
            try {
                consumer.close(Duration.ofSeconds(1));
                admin.close(Duration.ofSeconds(1));
            } catch (RuntimeException alreadyBroken) {
                log.debug("the triggers of {}: closing their consumer: {}", topic, alreadyBroken.toString());
            }
        }
    }

    /** A record's event, decoded on first use; null if the record is no CloudEvent (logged once). */
    private static final class Decoded implements Supplier<CloudEvent> {

        private final ConsumerRecord<String, byte[]> record;
        private boolean decoded;
        private CloudEvent event;

        Decoded(ConsumerRecord<String, byte[]> record) {
            this.record = record;
        }

        @Override
        public CloudEvent get() {
            if (!decoded) {
                decoded = true;
                try {
                    event = KafkaCloudEvents.of(record);
                } catch (RuntimeException unreadable) {
                    log.error("skipping record {}@{} of {} that is no CloudEvent: {}", record.partition(),
                            record.offset(), record.topic(), unreadable.getMessage());
                }
            }
            return event;
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer for the Triggers' offsets", e);
        }
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        interruptConsumer();
        if (supervisor.getState() == Thread.State.NEW) {
            return; // never read: the stack stopped while starting
        }
        try {
            supervisor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
