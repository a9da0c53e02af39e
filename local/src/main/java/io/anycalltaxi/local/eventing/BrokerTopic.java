package io.anycalltaxi.local.eventing;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * A Kafka topic holding CloudEvents, written as Knative's Kafka components write them: a broker's
 * topic in binary mode, a KafkaSink's in its content mode. The key is the {@code partitionkey}
 * extension when the event has one.
 */
final class BrokerTopic implements AutoCloseable {

    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final String topic;
    private final KafkaProducer<String, CloudEvent> producer;

    BrokerTopic(String bootstrapServers, String topic, boolean structured) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT_SECONDS * 1000,
                CloudEventSerializer.ENCODING_CONFIG, structured ? Encoding.STRUCTURED : Encoding.BINARY,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE),
                new StringSerializer(), new CloudEventSerializer());
    }

    String name() {
        return topic;
    }

    /** Returns once Kafka has stored the event. @throws StoreFailed otherwise */
    void store(CloudEvent event) {
        Object key = event.getExtension("partitionkey");
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.toString(), event))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailed(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreFailed(topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    static final class StoreFailed extends RuntimeException {
        StoreFailed(String topic, Exception cause) {
            super("Kafka did not store the event in " + topic + ": " + cause.getMessage(), cause);
        }
    }
}
