package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.anycalltaxi.core.events.EventJson;
import io.cloudevents.CloudEvent;

/**
 * The letters in the KafkaSinks that serve as dead-letter sinks, read a page at a time from their
 * position in Kafka ({@code topic:partition:offset}), and which of them an operator redrove: a
 * compacted topic of the local broker's own keeps that, keyed by the letter's position.
 */
public final class DeadLetters implements AutoCloseable {

    static final String REDRIVEN_TOPIC = "knative-local-redriven-letters";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final String bootstrapServers;
    private final List<String> topics;
    private final KafkaProducer<String, String> marks;

    DeadLetters(String bootstrapServers, List<String> topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.marks = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A letter, where it is kept, and whether it was redriven. */
    public record Letter(String position, CloudEvent event, Optional<Redriven> redriven) {
    }

    /** @param next the position to read the next page after; null on the last page */
    public record Page(List<Letter> letters, String next) {
    }

    /** When a letter went back to its Triggers, and to which. */
    public record Redriven(Instant at, List<String> triggers) {
    }

    /** Up to {@code limit} letters after {@code after} (null: from the first), oldest first per partition. */
    Page page(String after, int limit) {
        Position from = after == null ? null : Position.parse(after);
        Map<String, Redriven> redriven = redriven();
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            for (String topic : topics) {
                if (from != null && topics.indexOf(topic) < topics.indexOf(from.topic())) {
                    continue;
                }
                for (int partition = 0; partition < consumer.partitionsFor(topic).size(); partition++) {
                    long start = 0;
                    if (from != null && from.topic().equals(topic)) {
                        if (partition < from.partition()) {
                            continue;
                        }
                        start = partition == from.partition() ? from.offset() + 1 : 0;
                    }
                    for (ConsumerRecord<String, byte[]> record : read(consumer, new TopicPartition(topic, partition),
                            start, limit - letters.size())) {
                        String position = new Position(topic, partition, record.offset()).toString();
                        letters.add(new Letter(position, KafkaCloudEvents.of(record),
                                Optional.ofNullable(redriven.get(position))));
                    }
                    if (letters.size() == limit) {
                        return new Page(letters, letters.get(limit - 1).position());
                    }
                }
            }
        }
        return new Page(letters, null);
    }

    Optional<Letter> at(String position) {
        Position at;
        try {
            at = Position.parse(position);
        } catch (IllegalArgumentException notAPosition) {
            return Optional.empty();
        }
        if (!topics.contains(at.topic())) {
            return Optional.empty();
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            if (at.partition() >= consumer.partitionsFor(at.topic()).size()) {
                return Optional.empty();
            }
            return read(consumer, new TopicPartition(at.topic(), at.partition()), at.offset(), 1).stream()
                    .filter(r -> r.offset() == at.offset()).findFirst()
                    .map(r -> new Letter(position, KafkaCloudEvents.of(r), Optional.ofNullable(redriven().get(position))));
        }
    }

    void markRedriven(String position, Redriven redriven) {
        try {
            marks.send(new ProducerRecord<>(REDRIVEN_TOPIC, position, EventJson.mapper().writeValueAsString(redriven)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while marking " + position + " redriven", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not keep that " + position + " was redriven", e);
        }
    }

    private Map<String, Redriven> redriven() {
        Map<String, Redriven> marked = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(REDRIVEN_TOPIC, 0);
            for (ConsumerRecord<String, byte[]> mark : read(consumer, partition, 0, Integer.MAX_VALUE)) {
                marked.put(mark.key(), EventJson.mapper().readValue(mark.value(), Redriven.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marked;
    }

    /** Up to {@code limit} records of the partition from {@code start}, stopping at its current end. */
    private static List<ConsumerRecord<String, byte[]>> read(KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition, long start, int limit) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long first = Math.max(start, consumer.beginningOffsets(List.of(partition)).get(partition));
        if (first >= end || limit <= 0) {
            return records;
        }
        consumer.seek(partition, first);
        while (records.size() < limit && consumer.position(partition) < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (records.size() < limit && record.offset() < end) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        marks.close();
    }

    private record Position(String topic, int partition, long offset) {

        static Position parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a letter's position: " + text);
            }
            try {
                return new Position(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a letter's position: " + text, e);
            }
        }

        @Override
        public String toString() {
            return topic + ":" + partition + ":" + offset;
        }
    }
}
