package io.anycalltaxi.local.eventing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

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

    /** The event's type from a binary-mode record's {@code ce_type} header, undecoded; null in structured mode. */
    static String type(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        return type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    static CloudEvent of(ConsumerRecord<String, byte[]> record) {
        return DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
    }
}
