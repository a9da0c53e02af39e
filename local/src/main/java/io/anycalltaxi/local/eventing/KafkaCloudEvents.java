package io.anycalltaxi.local.eventing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * CloudEvents out of Kafka records. A binary-mode event without data is a record with a null
 * value, which Kafka never passes to a value deserializer: records are read as bytes and turned
 * into events here, headers and all.
 */
final class KafkaCloudEvents {

    private static final CloudEventDeserializer DESERIALIZER = new CloudEventDeserializer();

    private KafkaCloudEvents() {
    }

    static CloudEvent of(ConsumerRecord<String, byte[]> record) {
        return DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
    }
}
