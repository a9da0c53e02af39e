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
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.anycalltaxi.local.identity.WorkloadIssuer;
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
 * delivering to its subscriber, each KafkaSink a topic, each PingSource a schedule. Senders are
 * authenticated and authorized as with Knative's sender identity and EventPolicies (deny-all by
 * default): at the ingress by their token, replies as their Trigger, pings as their PingSource.
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String ERROR_EXTENSION_PREFIX = "knativeerror";
    private static final String EVENTING_GROUP = "eventing.knative.dev";
    private static final String BROKER = "Broker";
    private static final String KAFKA_SINK = "KafkaSink";

    private final String namespace;
    private final String bootstrapServers;
    private final Map<String, BrokerTopic> brokers;
    private final Map<String, BrokerTopic> kafkaSinks;
    private final List<TriggerDispatcher> dispatchers = new ArrayList<>();
    private final PingSources pingSources;
    private final WorkloadIssuer identities;
    private final EventPolicies policies;

    private LocalBroker(EventingManifests manifests, String bootstrapServers, Destinations destinations, Clock clock,
            WorkloadIssuer identities) {
        this.namespace = destinations.namespace();
        this.identities = identities;
        this.policies = new EventPolicies(manifests.eventPolicies(), identities);
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

    /**
     * Creates the topics and starts every Trigger; returns once all of them are ready.
     *
     * @param identities who is who: senders are checked against the EventPolicies, and Triggers and
     *                   PingSources act with identities of their own, as with Knative's sender identity
     */
    public static LocalBroker start(EventingManifests manifests, String bootstrapServers, Destinations destinations,
            boolean schedulePings, Clock clock, WorkloadIssuer identities) throws InterruptedException {
        LocalBroker broker = new LocalBroker(manifests, bootstrapServers, destinations, clock, identities);
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
        String identity = identities.trigger(name);
        Destination subscriber = trigger.getSpec().getSubscriber();
        String audience = subscriber.getAudience() != null ? subscriber.getAudience() : subscriber.getRef().getName();
        String deadLetterAudience = policy.deadLetterSink() == null || policy.deadLetterSink().getRef() == null ? "none"
                : identities.audienceOf(EVENTING_GROUP, policy.deadLetterSink().getRef().getKind(),
                        policy.deadLetterSink().getRef().getName());
        return new TriggerDispatcher(name, bootstrapServers, brokers.get(brokerName).name(),
                "knative-trigger-" + namespace + "-" + name, EventFilter.of(trigger),
                destinations.resolve(subscriber), policy, deadLetterSink,
                reply -> admitted(BROKER, brokerName, identity, reply, brokers),
                new TriggerDispatcher.Tokens(() -> identities.token(identity, audience),
                        () -> identities.token(identity, deadLetterAudience)));
    }

    /**
     * Ingress: stores the event in the broker's topic, if its sender may send it.
     *
     * @param authorization the sender's {@code Authorization} header, checked before the event is read
     * @throws NotAuthenticated, NotAllowed, UnknownDestination, BrokerTopic.StoreFailed
     */
    public void ingest(String namespace, String broker, Supplier<CloudEvent> event, String authorization) {
        topic(brokers, namespace, broker);
        String sender = identities.subjectOf(authorization, identities.audienceOf(EVENTING_GROUP, BROKER, broker))
                .orElseThrow(() -> new NotAuthenticated("a sender's token for broker " + broker + " is required"));
        admitted(BROKER, broker, sender, event.get(), brokers);
    }

    /** A KafkaSink's receiver: stores the event in the sink's topic, if its sender may send it. */
    public void sink(String namespace, String sink, Supplier<CloudEvent> event, String authorization) {
        topic(kafkaSinks, namespace, sink);
        String sender = identities.subjectOf(authorization, identities.audienceOf(EVENTING_GROUP, KAFKA_SINK, sink))
                .orElseThrow(() -> new NotAuthenticated("a sender's token for sink " + sink + " is required"));
        admitted(KAFKA_SINK, sink, sender, event.get(), kafkaSinks);
    }

    private void admitted(String kind, String name, String sender, CloudEvent event, Map<String, BrokerTopic> topics) {
        if (!policies.admits(kind, name, sender, event)) {
            log.warn("{} {} refused {} {} from {}: no EventPolicy allows it", kind, name, event.getType(), event.getId(),
                    sender);
            throw new NotAllowed(sender + " may not send " + event.getType() + " to " + kind + " " + name);
        }
        topic(topics, namespace, name).store(event);
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
            // an operator's act, through the console: the letter passed the broker's policy once already
            topic(brokers, namespace, broker).store(clean.build());
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
        String identity = identities.pingSource(source.getMetadata().getName());
        return event -> admitted(BROKER, broker, identity, event, brokers);
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

    /** No valid token of a sender for the destination's audience (HTTP 401). */
    public static final class NotAuthenticated extends RuntimeException {
        NotAuthenticated(String message) {
            super(message);
        }
    }

    /** The sender is known, and no EventPolicy lets it send this event there (HTTP 403). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    /** No broker or sink of that name in that namespace. */
    public static final class UnknownDestination extends RuntimeException {
        UnknownDestination(String name) {
            super("no broker or sink " + name);
        }
    }
}
