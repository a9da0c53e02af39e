package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * One Trigger's data plane, as Knative's Kafka broker runs it: a consumer group of its own on the
 * broker's topic; events that pass the filter are delivered to the subscriber concurrently
 * (unordered delivery), each retried by the delivery policy and otherwise sent to the dead-letter
 * sink; a reply re-enters the broker. Offsets are committed once every event of a batch is done,
 * so an event is never lost, only possibly delivered again. Like Knative's dispatcher, it commits
 * periodically rather than after every batch: with a consumer group per Trigger, committing each
 * event in each group was most of what Kafka did under load.
 */
final class TriggerDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriggerDispatcher.class);
    private static final int MAX_IN_FLIGHT = 64;
    private static final int ERROR_DATA_LIMIT = 1024;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);

    private final String name;
    private final String topic;
    private final String groupId;
    private final Predicate<CloudEvent> filter;
    private final URI subscriber;
    private final DeliveryPolicy policy;
    private final URI deadLetterSink;
    private final Consumer<CloudEvent> replies;
    private final Tokens tokens;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ExecutorService deliveries;
    private final Thread loop;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommit = System.nanoTime();
    private volatile boolean running = true;

    TriggerDispatcher(String name, String bootstrapServers, String topic, String groupId,
            Predicate<CloudEvent> filter, URI subscriber, DeliveryPolicy policy, URI deadLetterSink,
            Consumer<CloudEvent> replies, Tokens tokens) {
        this.tokens = tokens;
        this.name = name;
        this.topic = topic;
        this.groupId = groupId;
        this.filter = filter;
        this.subscriber = subscriber;
        this.policy = policy;
        this.deadLetterSink = deadLetterSink;
        this.replies = replies;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_IN_FLIGHT),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.deliveries = Executors.newFixedThreadPool(MAX_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "trigger-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "trigger-" + name + "-consumer");
        this.loop.setDaemon(true);
    }

    /** The Trigger's own identity, as Knative's dispatcher presents it: for its subscriber and its dead-letter sink. */
    record Tokens(Supplier<String> subscriber, Supplier<String> deadLetterSink) {
    }

    String topic() {
        return topic;
    }

    String groupId() {
        return groupId;
    }

    /** Starts consuming; returns once the group owns its partitions (the Trigger is ready). */
    void start(Duration timeout) throws InterruptedException {
        loop.start();
        if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("trigger " + name + " did not get its partitions within " + timeout);
        }
    }

    private void run() {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(consumer::position);
                assigned.countDown();
            }
        });
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
                if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                    commit();
                }
            }
            commit();
        } catch (WakeupException stopping) {
            // close() woke the consumer up: what was delivered is committed, if Kafka still answers
            commitOnStop();
        } catch (RuntimeException | Error e) {
            log.error("trigger {} stopped delivering", name, e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void commit() {
        if (!uncommitted.isEmpty()) {
            consumer.commitSync(uncommitted);
            uncommitted.clear();
        }
        lastCommit = System.nanoTime();
    }

    private void commitOnStop() {
        try {
            commit();
        } catch (RuntimeException notNow) {
            log.warn("trigger {}: offsets not committed on stop, the last events will be delivered again: {}", name,
                    notNow.toString());
        }
    }

    /** Delivers a batch while the consumer keeps polling (paused); its offsets are committed with the next commit. */
    private void deliver(ConsumerRecords<String, byte[]> batch) {
        consumer.pause(consumer.assignment());
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            CloudEvent event;
            try {
                event = KafkaCloudEvents.of(record);
            } catch (RuntimeException unreadable) {
                log.error("trigger {}: skipping record {}@{} that is no CloudEvent: {}", name, record.partition(),
                        record.offset(), unreadable.getMessage());
                continue;
            }
            if (filter.test(event)) {
                inFlight.add(CompletableFuture.runAsync(() -> deliverOrDeadLetter(event), deliveries));
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
        while (!all.isDone() && running) {
            consumer.poll(Duration.ofMillis(50));
        }
        if (all.isDone()) {
            uncommitted.putAll(done);
            consumer.resume(consumer.assignment());
        }
    }

    private void deliverOrDeadLetter(CloudEvent event) {
        try {
            deliver(event);
        } catch (RuntimeException unexpected) {
            log.error("trigger {}: delivering {} {} failed", name, event.getType(), event.getId(), unexpected);
            deadLetter(event, 0, String.valueOf(unexpected).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void deliver(CloudEvent event) {
        int lastStatus = 0;
        byte[] lastBody = new byte[0];
        for (int attempt = 0; attempt <= policy.retry() && running; attempt++) {
            if (attempt > 0 && !sleep(policy.backoff(attempt))) {
                return;
            }
            try {
                Subscriber.Answer answer = Subscriber.post(subscriber, event, policy.timeout(), tokens.subscriber().get());
                lastStatus = answer.status();
                lastBody = answer.body();
                if (answer.status() >= 200 && answer.status() < 300) {
                    answer.reply().ifPresent(replies);
                    return;
                }
                log.warn("trigger {}: {} answered {} to {} {} (attempt {})", name, subscriber, answer.status(),
                        event.getType(), event.getId(), attempt + 1);
                if (!DeliveryPolicy.retryable(answer.status())) {
                    break;
                }
            } catch (Subscriber.InvalidReply e) {
                log.warn("trigger {}: {} replied with an invalid event to {}: {}", name, subscriber, event.getId(),
                        e.getMessage());
                return;
            } catch (IOException e) {
                lastStatus = 0;
                lastBody = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
                log.warn("trigger {}: {} unreachable for {} {} (attempt {}): {}", name, subscriber, event.getType(),
                        event.getId(), attempt + 1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("trigger {}: the reply to {} could not be stored, retrying: {}", name, event.getId(),
                        e.getMessage());
                lastStatus = 0;
            }
        }
        if (running) {
            deadLetter(event, lastStatus, lastBody);
        }
    }

    /** To the dead-letter sink, with Knative's error extensions; dropped (logged) if there is none. */
    private void deadLetter(CloudEvent event, int status, byte[] body) {
        if (deadLetterSink == null) {
            log.error("trigger {}: {} {} dropped after {} retries (no dead-letter sink)", name, event.getType(),
                    event.getId(), policy.retry());
            return;
        }
        CloudEvent dead = CloudEventBuilder.from(event)
                .withExtension("knativeerrordest", subscriber.toString())
                .withExtension("knativeerrorcode", String.valueOf(status))
                .withExtension("knativeerrordata",
                        Base64.getEncoder().encodeToString(Arrays.copyOf(body, Math.min(body.length, ERROR_DATA_LIMIT))))
                .build();
        for (int attempt = 0; attempt < 3 && running; attempt++) {
            try {
                int answer = Subscriber.post(deadLetterSink, dead, policy.timeout(), tokens.deadLetterSink().get()).status();
                if (answer >= 200 && answer < 300) {
                    log.warn("trigger {}: {} {} dead-lettered ({} from {})", name, event.getType(), event.getId(),
                            status, subscriber);
                    return;
                }
            } catch (IOException e) {
                log.warn("trigger {}: dead-letter sink unreachable: {}", name, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.error("trigger {}: {} {} lost: the dead-letter sink did not take it", name, event.getType(), event.getId());
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        deliveries.shutdownNow();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
