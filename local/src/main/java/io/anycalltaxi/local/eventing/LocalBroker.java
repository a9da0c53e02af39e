package io.anycalltaxi.local.eventing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1alpha1.KafkaSink;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * The data plane of Knative's Kafka broker, on a local Kafka, driven by the project's eventing
 * manifests: each Broker is one topic (binary-mode CloudEvents), each Trigger a consumer group
 * delivering to its subscriber, each KafkaSink a topic, each PingSource a schedule.
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String ERROR_EXTENSION_PREFIX = "knativeerror";

    private final String namespace;
    private final String bootstrapServers;
    private final Map<String, BrokerTopic> brokers;
    private final Map<String, BrokerTopic> kafkaSinks;
    private final List<TriggerDispatcher> dispatchers = new ArrayList<>();
    private final PingSources pingSources;

    private LocalBroker(EventingManifests manifests, String bootstrapServers, Destinations destinations, Clock clock) {
        this.namespace = destinations.namespace();
        this.bootstrapServers = bootstrapServers;
        this.brokers = new LinkedHashMap<>();
        this.kafkaSinks = new LinkedHashMap<>();
        for (Broker broker : manifests.brokers()) {
            brokers.put(broker.getMetadata().getName(),
                    new BrokerTopic(bootstrapServers, topicOf(broker), false));
        }
        for (KafkaSink sink : manifests.kafkaSinks()) {
            kafkaSinks.put(sink.getMetadata().getName(), new BrokerTopic(bootstrapServers, sink.getSpec().getTopic(),
                    !"binary".equalsIgnoreCase(sink.getSpec().getContentMode())));
        }
        this.pingSources = new PingSources(manifests.pingSources(), namespace, source -> sink(source, destinations),
                clock);
    }

    /** Creates the topics and starts every Trigger; returns once all of them are ready. */
    public static LocalBroker start(EventingManifests manifests, String bootstrapServers, Destinations destinations,
            boolean schedulePings, Clock clock) throws InterruptedException {
        LocalBroker broker = new LocalBroker(manifests, bootstrapServers, destinations, clock);
        broker.createTopics(manifests);
        for (Trigger trigger : manifests.triggers()) {
            broker.dispatchers.add(broker.dispatcher(trigger, manifests, destinations));
        }
        for (TriggerDispatcher dispatcher : broker.dispatchers) {
            dispatcher.start(READY_TIMEOUT);
        }
        if (schedulePings) {
            broker.pingSources.schedule();
        }
        log.info("local broker ready: {} broker(s), {} trigger(s), {} ping source(s)", broker.brokers.size(),
                broker.dispatchers.size(), manifests.pingSources().size());
        return broker;
    }

    private TriggerDispatcher dispatcher(Trigger trigger, EventingManifests manifests, Destinations destinations) {
        String brokerName = trigger.getSpec().getBroker();
        Broker broker = manifests.broker(brokerName);
        DeliveryPolicy policy = DeliveryPolicy.of(trigger.getSpec().getDelivery(), broker.getSpec().getDelivery());
        URI deadLetterSink = policy.deadLetterSink() == null ? null : destinations.resolve(policy.deadLetterSink());
        String name = trigger.getMetadata().getName();
        return new TriggerDispatcher(name, bootstrapServers, brokers.get(brokerName).name(),
                "knative-trigger-" + namespace + "-" + name, EventFilter.of(trigger),
                destinations.resolve(trigger.getSpec().getSubscriber()), policy, deadLetterSink,
                brokers.get(brokerName)::store);
    }

    /** Ingress: stores the event in the broker's topic. @throws UnknownDestination, BrokerTopic.StoreFailed */
    public void ingest(String namespace, String broker, CloudEvent event) {
        topic(brokers, namespace, broker).store(event);
    }

    /** A KafkaSink's receiver: stores the event in the sink's topic. */
    public void sink(String namespace, String sink, CloudEvent event) {
        topic(kafkaSinks, namespace, sink).store(event);
    }

    /** Everything in the KafkaSinks that serve as dead-letter sinks, oldest first. */
    public List<CloudEvent> deadLetters() {
        List<CloudEvent> dead = new ArrayList<>();
        kafkaSinks.values().forEach(sink -> dead.addAll(TopicReader.readAll(bootstrapServers, sink.name())));
        return dead;
    }

    /** Sends a dead letter through the broker again, without its error extensions. */
    public Optional<CloudEvent> redrive(String broker, String eventId) {
        Optional<CloudEvent> dead = deadLetters().stream().filter(e -> e.getId().equals(eventId)).findFirst();
        dead.ifPresent(event -> {
            CloudEventBuilder clean = CloudEventBuilder.from(event);
            event.getExtensionNames().stream().filter(n -> n.startsWith(ERROR_EXTENSION_PREFIX))
                    .forEach(clean::withoutExtension);
            ingest(namespace, broker, clean.build());
        });
        return dead;
    }

    /**
     * Waits until every Trigger has committed past all its broker had stored when this was called:
     * each event sent before has been delivered (or dead-lettered) by every Trigger.
     *
     * @return false if that took longer than {@code atMost}
     */
    public boolean awaitDelivered(Duration atMost) throws InterruptedException {
        return DeliveryBacklog.awaitDrained(bootstrapServers, dispatchers, atMost);
    }

    public CloudEvent firePing(String pingSource) {
        return pingSources.fire(pingSource);
    }

    private Consumer<CloudEvent> sink(PingSource source, Destinations destinations) {
        Destination sink = source.getSpec().getSink();
        if (sink.getRef() == null || !"Broker".equals(sink.getRef().getKind())) {
            throw new IllegalArgumentException("PingSource " + source.getMetadata().getName()
                    + ": the local broker sends pings to a Broker only");
        }
        String broker = sink.getRef().getName();
        return event -> ingest(namespace, broker, event);
    }

    private BrokerTopic topic(Map<String, BrokerTopic> topics, String namespace, String name) {
        BrokerTopic topic = this.namespace.equals(namespace) ? topics.get(name) : null;
        if (topic == null) {
            throw new UnknownDestination(namespace + "/" + name);
        }
        return topic;
    }

    private String topicOf(Broker broker) {
        return "knative-broker-" + namespace + "-" + broker.getMetadata().getName();
    }

    private void createTopics(EventingManifests manifests) {
        List<NewTopic> topics = new ArrayList<>();
        for (Broker broker : manifests.brokers()) {
            topics.add(new NewTopic(topicOf(broker), partitions(broker, manifests), (short) 1));
        }
        for (KafkaSink sink : manifests.kafkaSinks()) {
            int partitions = sink.getSpec().getNumPartitions() == null ? 1 : sink.getSpec().getNumPartitions();
            topics.add(new NewTopic(sink.getSpec().getTopic(), partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The partitions the broker's config map asks for (one replica here: there is one Kafka node). */
    private static int partitions(Broker broker, EventingManifests manifests) {
        if (broker.getSpec().getConfig() == null) {
            return 1;
        }
        String configName = broker.getSpec().getConfig().getName();
        return manifests.configMaps().stream().filter(c -> c.getMetadata().getName().equals(configName))
                .map(ConfigMap::getData).map(data -> data.get("default.topic.partitions"))
                .filter(Objects::nonNull).map(Integer::parseInt).findFirst().orElse(1);
    }

    @Override
    public void close() {
        pingSources.close();
        dispatchers.forEach(TriggerDispatcher::close);
        brokers.values().forEach(BrokerTopic::close);
        kafkaSinks.values().forEach(BrokerTopic::close);
    }

    /** No broker or sink of that name in that namespace. */
    public static final class UnknownDestination extends RuntimeException {
        UnknownDestination(String name) {
            super("no broker or sink " + name);
        }
    }
}
