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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The data plane of Knative's Kafka broker, on a local Kafka, driven by the project's eventing
 * manifests: each Broker is one topic (binary-mode CloudEvents) read once by a {@link TopicReader}
 * for all its Triggers, each Trigger a consumer group (its committed offsets) delivering to its
 * subscriber, each KafkaSink a topic, each PingSource a schedule. Senders are
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
    /** The Kafka broker's Trigger annotations: per-partition ordered delivery, and where a new Trigger starts. */
    private static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";
    private static final String INITIAL_OFFSET = "kafka.eventing.knative.dev/initial-offset";

    private final String namespace;
    private final String bootstrapServers;
    private final Map<String, BrokerTopic> brokers;
    private final Map<String, BrokerTopic> kafkaSinks;
    private final List<TriggerDispatcher> dispatchers = new ArrayList<>();
    /** Each broker topic read once for all its Triggers. */
    private final Map<String, TopicReader> readers = new LinkedHashMap<>();
    /** Every Trigger's deliveries, each on a virtual thread of its own. */
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("trigger-delivery-", 0).factory());
    private final DeadLetters deadLetters;
    private final PingSources pingSources;
    private final WorkloadIssuer identities;
    private final EventPolicies policies;
    private final Clock clock;
    private volatile boolean ingressOpen = true;
    private final int pingSourceCount;
    /** The broker's own meters (dead letters by Trigger), scraped at the control plane's /actuator/prometheus. */
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private LocalBroker(EventingManifests manifests, String bootstrapServers, Destinations destinations, Clock clock,
            WorkloadIssuer identities) {
        meters.config().commonTags("application", "local-broker");
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
        this.deadLetters = new DeadLetters(bootstrapServers, kafkaSinks.values().stream().map(BrokerTopic::name).toList());
        this.pingSources = new PingSources(manifests.pingSources(), namespace, source -> sink(source, destinations),
                clock);
        this.clock = clock;
        this.pingSourceCount = manifests.pingSources().size();
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /**
     * Creates the topics; the ingress takes events from now on, and the Triggers deliver them once
     * {@link #deliver} starts them.
     *
     * @param identities who is who: senders are checked against the EventPolicies, and Triggers and
     *                   PingSources act with identities of their own, as with Knative's sender identity
     */
    public static LocalBroker start(EventingManifests manifests, String bootstrapServers, Destinations destinations,
            Clock clock, WorkloadIssuer identities) {
        LocalBroker broker = new LocalBroker(manifests, bootstrapServers, destinations, clock, identities);
        broker.createTopics(manifests);
        for (Trigger trigger : manifests.triggers()) {
            broker.dispatchers.add(broker.dispatcher(trigger, manifests, destinations));
        }
        return broker;
    }

    /**
     * Starts every Trigger (and the PingSources' schedules, if asked); returns once all Triggers
     * own their partitions. Started once their subscribers are up, so that what is stored from
     * before is not first retried against functions still starting.
     */
    public void deliver(boolean schedulePings) throws InterruptedException {
        readers.values().forEach(TopicReader::start);
        for (TopicReader reader : readers.values()) {
            reader.awaitReady(READY_TIMEOUT);
        }
        if (schedulePings) {
            pingSources.schedule();
        }
        log.info("local broker delivering: {} broker(s), {} trigger(s), {} ping source(s)", brokers.size(),
                dispatchers.size(), pingSourceCount);
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
        Map<String, String> annotations = trigger.getMetadata().getAnnotations() == null ? Map.of()
                : trigger.getMetadata().getAnnotations();
        String topic = brokers.get(brokerName).name();
        TriggerDispatcher.Route route = new TriggerDispatcher.Route(name, topic,
                "knative-trigger-" + namespace + "-" + name, EventFilter.of(trigger),
                EventFilter.requiredType(trigger).orElse(null), destinations.resolve(subscriber),
                policy, deadLetterSink, "ordered".equals(annotations.get(DELIVERY_ORDER)),
                "earliest".equals(annotations.get(INITIAL_OFFSET)) ? "earliest" : "latest");
        TopicReader reader = readers.computeIfAbsent(topic, t -> new TopicReader(t, bootstrapServers));
        TriggerDispatcher dispatcher = new TriggerDispatcher(route, reader,
                reply -> admitted(BROKER, brokerName, identity, reply, brokers),
                new TriggerDispatcher.Tokens(() -> identities.token(identity, audience),
                        () -> identities.token(identity, deadLetterAudience)),
                deliveries, Counter.builder("anycalltaxi.broker.dead.letters")
                        .description("Events a Trigger gave up on: sent to its dead-letter sink, or dropped without one")
                        .tag("trigger", name).register(meters));
        reader.add(dispatcher);
        return dispatcher;
    }

    /**
     * Ingress: stores the event in the broker's topic, if its sender may send it.
     *
     * @param authorization the sender's {@code Authorization} header, checked before the event is read
     * @throws NotAuthenticated, NotAllowed, UnknownDestination, BrokerTopic.StoreFailed
     */
    public void ingest(String namespace, String broker, Supplier<CloudEvent> event, String authorization) {
        if (!ingressOpen) {
            throw new IngressClosed("the broker's ingress is closed by the operator (a simulated outage)");
        }
        topic(brokers, namespace, broker);
        String sender = identities.subjectOf(authorization, identities.audienceOf(EVENTING_GROUP, BROKER, broker))
                .orElseThrow(() -> new NotAuthenticated("a sender's token for broker " + broker + " is required"));
        admitted(BROKER, broker, sender, event.get(), brokers);
    }

    /**
     * Opens or closes the ingress, as an outage of the broker would look to its senders (503); the
     * Triggers keep delivering what is stored. For trying out how the functions weather it.
     */
    public void openIngress(boolean open) {
        ingressOpen = open;
        log.warn("the broker's ingress is {}", open ? "open again" : "closed: senders get 503 until it is opened");
    }

    public boolean ingressOpen() {
        return ingressOpen;
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

    /** A page of the letters in the KafkaSinks that serve as dead-letter sinks (see {@link DeadLetters#page}). */
    public DeadLetters.Page deadLetters(String after, int limit) {
        return deadLetters.page(after, limit);
    }

    /** What a redrive did. */
    public enum RedriveOutcome { NO_SUCH_LETTER, REDRIVEN_BEFORE, NO_TRIGGER, SENT }

    /**
     * Sends a letter, without its error extensions, to the Trigger that failed it (the one
     * delivering to its {@code knativeerrordest} whose filter takes it), not through the broker:
     * the other Triggers had it already. It is marked redriven once that delivery is over
     * (delivered, or dead-lettered again as a new letter); until then a crash leaves it unmarked
     * to redrive again.
     *
     * @return the outcome and the letter's Triggers
     */
    public Redrive redrive(String position) {
        Optional<DeadLetters.Letter> found = deadLetters.at(position);
        if (found.isEmpty()) {
            return new Redrive(RedriveOutcome.NO_SUCH_LETTER, null, List.of());
        }
        DeadLetters.Letter letter = found.get();
        if (letter.redriven().isPresent()) {
            return new Redrive(RedriveOutcome.REDRIVEN_BEFORE, letter, letter.redriven().get().triggers());
        }
        CloudEventBuilder clean = CloudEventBuilder.from(letter.event());
        letter.event().getExtensionNames().stream().filter(n -> n.startsWith(ERROR_EXTENSION_PREFIX))
                .forEach(clean::withoutExtension);
        CloudEvent event = clean.build();
        Object destination = letter.event().getExtension("knativeerrordest");
        List<TriggerDispatcher> failedIt = dispatchers.stream()
                .filter(d -> destination != null && d.subscriber().toString().equals(destination.toString()))
                .filter(d -> d.accepts(event)).toList();
        if (failedIt.isEmpty()) {
            return new Redrive(RedriveOutcome.NO_TRIGGER, letter, List.of());
        }
        List<String> names = failedIt.stream().map(TriggerDispatcher::name).toList();
        CompletableFuture.allOf(failedIt.stream().map(d -> d.redeliver(event)).toArray(CompletableFuture[]::new))
                .thenRun(() -> deadLetters.markRedriven(position, new DeadLetters.Redriven(clock.instant(), names)))
                .exceptionally(failure -> {
                    log.error("letter {} was redriven but could not be marked so", position, failure);
                    return null;
                });
        log.info("letter {} ({} {}) redriven to {}", position, event.getType(), event.getId(), names);
        return new Redrive(RedriveOutcome.SENT, letter, names);
    }

    public record Redrive(RedriveOutcome outcome, DeadLetters.Letter letter, List<String> triggers) {
    }

    TriggerDispatcher trigger(String name) {
        return dispatchers.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownDestination("trigger " + name));
    }

    /** The Triggers not delivering now (their consumer failed and is being started again), and why. */
    public Map<String, String> triggersDown() {
        Map<String, String> down = new LinkedHashMap<>();
        dispatchers.forEach(d -> d.down().ifPresent(reason -> down.put(d.name(), reason)));
        return down;
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
        topics.add(new NewTopic(DeadLetters.REDRIVEN_TOPIC, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
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
        readers.values().forEach(TopicReader::close);
        deliveries.shutdownNow();
        deadLetters.close();
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

    /** The ingress is closed (HTTP 503). */
    public static final class IngressClosed extends RuntimeException {
        IngressClosed(String message) {
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
