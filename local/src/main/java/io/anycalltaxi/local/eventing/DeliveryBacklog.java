package io.anycalltaxi.local.eventing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the Triggers have yet to deliver: each consumer group's committed offsets against its topic's end. */
final class DeliveryBacklog {

    private static final Duration POLL = Duration.ofMillis(100);

    private DeliveryBacklog() {
    }

    static boolean awaitDrained(String bootstrapServers, List<TriggerDispatcher> triggers, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
            for (TriggerDispatcher trigger : triggers) {
                if (!ends.containsKey(trigger.topic())) {
                    ends.put(trigger.topic(), endOffsets(admin, trigger.topic()));
                }
            }
            for (TriggerDispatcher trigger : triggers) {
                while (!caughtUp(admin, trigger.groupId(), ends.get(trigger.topic()))) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(POLL.toMillis());
                }
            }
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the broker's offsets", e.getCause());
        }
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> end)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }
}
