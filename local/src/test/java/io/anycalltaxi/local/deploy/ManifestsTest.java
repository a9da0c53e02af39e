package io.anycalltaxi.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.eventing.EventingManifests;
import io.anycalltaxi.local.functions.LocalFunctions;
import io.anycalltaxi.local.gateway.GatewayRoutes;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.StrictModel;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1alpha1.EventPolicy;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The manifests a cluster would get parse strictly, and agree with each other, with the event
 * catalog, with what the functions really handle (asked of the running functions), and with the
 * local runtime; the EventPolicies admit each type from its producer alone.
 */
@ExtendWith(SharedStack.class)
class ManifestsTest {

    private static final Path ROOT = LocalSettings.findProjectRoot();
    /**
     * Functions whose work comes from Triggers scale on concurrency; those people or functions
     * call over HTTP (even with Triggers beside, like the read models) scale on requests per second.
     */
    private static final Set<String> EVENT_DRIVEN = Set.of("assign-taxi", "start-trip", "end-trip-pay", "notify-friend");
    private static final EventingManifests EVENTING = EventingManifests.load(ROOT.resolve("eventing"));

    private static List<Path> manifestFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : LocalFunctions.applications().keySet()) {
            files.add(ROOT.resolve("functions").resolve(name).resolve("service.yaml"));
        }
        try (Stream<Path> eventing = Files.list(ROOT.resolve("eventing"));
                Stream<Path> gateway = Files.list(ROOT.resolve("gateway"))) {
            Stream.concat(eventing, gateway).filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).forEach(files::add);
        }
        files.add(ROOT.resolve("deploy/base/config.yaml"));
        return files;
    }

    private static Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        for (String name : LocalFunctions.applications().keySet()) {
            Path file = ROOT.resolve("functions").resolve(name).resolve("service.yaml");
            services.put(name, (Service) EventingManifests.parse(file).get(0));
        }
        return services;
    }

    @Test
    void everyManifestParsesIntoTheModelWithNoUnknownField() throws IOException {
        List<Path> files = manifestFiles();
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            for (HasMetadata manifest : EventingManifests.parse(file)) {
                assertThat(manifest).as(file + ": a kind the model knows").isNotInstanceOf(GenericKubernetesResource.class);
                assertThat(StrictModel.unknownFields(manifest)).as(file + " " + manifest.getMetadata().getName()).isEmpty();
            }
        }
    }

    @Test
    void aMisspeltFieldIsCaught(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: typo
                spec:
                  broker: anycalltaxi
                  subscribr:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: start-trip}
                """);

        assertThat(StrictModel.unknownFields(EventingManifests.parse(typo).get(0))).containsExactly(".spec.subscribr");
    }

    @Test
    void everyFunctionIsAKnativeServiceWithProbesResourcesAndAutoscaling() throws IOException {
        Set<String> triggered = EVENTING.triggers().stream().map(t -> t.getSpec().getSubscriber().getRef().getName())
                .collect(Collectors.toSet());
        assertThat(triggered).containsAll(EVENT_DRIVEN);
        Properties defaults = new Properties();
        defaults.load(getClass().getResourceAsStream("/anycalltaxi-function-defaults.properties"));

        services().forEach((name, service) -> {
            assertThat(service.getMetadata().getName()).isEqualTo(name);
            Map<String, String> scaling = service.getSpec().getTemplate().getMetadata().getAnnotations();
            String metric = EVENT_DRIVEN.contains(name) ? "concurrency" : "rps";
            assertThat(scaling).as(name).containsEntry("autoscaling.knative.dev/metric", metric)
                    .containsKeys("autoscaling.knative.dev/target", "autoscaling.knative.dev/min-scale",
                            "autoscaling.knative.dev/max-scale");
            assertThat(service.getSpec().getTemplate().getSpec().getContainerConcurrency()).as(name).isPositive();
            assertThat(service.getSpec().getTraffic()).as(name + " traffic").isNotEmpty();
            assertThat(service.getMetadata().getAnnotations()).containsKey("serving.knative.dev/rollout-duration");
            Container container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).startsWith("ghcr.io/anycalltaxi/" + name + ":");
            assertThat(container.getPorts().get(0).getContainerPort()).as("the PORT a function listens on by default")
                    .isEqualTo(8080);
            assertThat(defaults.getProperty("server.port")).isEqualTo("${PORT:8080}");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(container.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("MONGODB_URI");
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("anycalltaxi-mongodb");
            });
            assertThat(container.getVolumeMounts()).anySatisfy(mount ->
                    assertThat(mount.getMountPath()).isEqualTo("/etc/anycalltaxi/config"));
        });
    }

    @Test
    void scalingToZeroIsTheRuleAndEveryExceptionSaysWhy() throws IOException {
        for (var entry : services().entrySet()) {
            String minScale = entry.getValue().getSpec().getTemplate().getMetadata().getAnnotations()
                    .get("autoscaling.knative.dev/min-scale");
            if (!minScale.equals("0")) {
                List<String> lines = Files.readAllLines(ROOT.resolve("functions").resolve(entry.getKey())
                        .resolve("service.yaml"));
                int at = lines.indexOf(lines.stream().filter(l -> l.contains("autoscaling.knative.dev/min-scale"))
                        .findFirst().orElseThrow());
                assertThat(lines.get(at - 1).trim()).as(entry.getKey() + " justifies min-scale " + minScale)
                        .startsWith("#");
            }
        }
    }

    @Test
    void everyTriggerDeliversATypeItsFunctionReallyHandles() {
        Map<String, Set<String>> handled = handledByTheRunningFunctions();
        for (Trigger trigger : EVENTING.triggers()) {
            String function = trigger.getSpec().getSubscriber().getRef().getName();
            assertThat(handled).as(trigger.getMetadata().getName()).containsKey(function);
            assertThat(handled.get(function)).as(trigger.getMetadata().getName()).contains(typeOf(trigger));
        }
    }

    @Test
    void everyTypeAFunctionHandlesReachesItThroughATrigger() {
        Map<String, Set<String>> delivered = new HashMap<>();
        EVENTING.triggers().forEach(trigger -> delivered.computeIfAbsent(
                trigger.getSpec().getSubscriber().getRef().getName(), f -> new HashSet<>()).add(typeOf(trigger)));

        handledByTheRunningFunctions().forEach((function, types) ->
                assertThat(delivered.getOrDefault(function, Set.of())).as(function).containsAll(types));
    }

    @Test
    void everyConsumedTypeIsProducedAndEveryProducedTypeIsConsumedOrTerminal() {
        Set<String> consumed = EVENTING.triggers().stream().map(ManifestsTest::typeOf).collect(Collectors.toSet());
        Set<String> producers = new HashSet<>(LocalFunctions.applications().keySet());
        producers.add(EventType.Producers.DRIVER_APP);
        producers.add(EventType.Producers.PING_SOURCE);

        for (String type : consumed) {
            EventType event = EventType.of(type).orElseThrow(() -> new AssertionError(type + " is not in the catalog"));
            assertThat(producers).as("who produces " + type).contains(event.producer());
        }
        for (EventType event : EventType.values()) {
            assertThat(consumed.contains(event.type()) || event.isTerminal()).as(event.type() + " has a consumer")
                    .isTrue();
        }
        assertThat(EVENTING.pingSources()).extracting(p -> p.getMetadata().getName()).contains("dispatch-tick");
    }

    @Test
    void everyTriggerRetriesWithExponentialBackoffThenDeadLetters() {
        Broker broker = EVENTING.broker("anycalltaxi");
        for (Trigger trigger : EVENTING.triggers()) {
            DeliverySpec own = trigger.getSpec().getDelivery() == null ? new DeliverySpec() : trigger.getSpec().getDelivery();
            DeliverySpec inherited = broker.getSpec().getDelivery();
            String name = trigger.getMetadata().getName();
            assertThat(own.getRetry() != null ? own.getRetry() : inherited.getRetry()).as(name).isPositive();
            assertThat(own.getBackoffPolicy() != null ? own.getBackoffPolicy() : inherited.getBackoffPolicy()).as(name)
                    .isEqualTo("exponential");
            assertThat(own.getTimeout() != null ? own.getTimeout() : inherited.getTimeout()).as(name).isNotBlank();
            var deadLetterSink = own.getDeadLetterSink() != null ? own.getDeadLetterSink() : inherited.getDeadLetterSink();
            assertThat(deadLetterSink.getRef().getKind()).as(name).isEqualTo("KafkaSink");
            assertThat(EVENTING.kafkaSink(deadLetterSink.getRef().getName())).isNotNull();
        }
        assertThat(broker.getMetadata().getAnnotations()).containsEntry("eventing.knative.dev/broker.class", "Kafka");
    }

    @Test
    void theLocalRuntimeAndTheManifestsAgreeOnFunctionsRoutesAndBindings() {
        Set<String> functions = LocalFunctions.applications().keySet();
        assertThat(SharedStack.stack().functions().keySet()).isEqualTo(functions);
        for (GatewayRoutes.Route route : GatewayRoutes.load(ROOT.resolve("gateway/httproute.yaml")).routes()) {
            if (route.backend().equals("web")) {
                assertThat(route.method()).as("the web app's files are only read").isEqualTo("GET");
                continue;
            }
            assertThat(functions).as(route.path() + " goes to a function, never to the broker itself")
                    .contains(route.backend());
        }
        EVENTING.sinkBindings().forEach(binding ->
                assertThat(functions).contains(binding.getSpec().getSubject().getName()));
        services().forEach((name, service) -> {
            Api function = new Api(SharedStack.stack().function(name).url());
            Container container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(function.get(container.getLivenessProbe().getHttpGet().getPath()).status()).as(name).isEqualTo(200);
            assertThat(function.get(container.getReadinessProbe().getHttpGet().getPath()).status()).as(name).isEqualTo(200);
        });
    }

    @Test
    void everyEventTypeIsAdmittedToTheBrokerFromExactlyItsProducer() {
        for (EventType type : EventType.values()) {
            List<EventPolicy> admitting = EVENTING.eventPolicies().stream().filter(ManifestsTest::toTheBroker)
                    .filter(policy -> exactTypes(policy).contains(type.type())).toList();
            assertThat(admitting).as(type.type() + ": one policy").hasSize(1);
            assertThat(senders(admitting.get(0))).as(type.type() + " from " + type.producer())
                    .isEqualTo(producerIdentities(type.producer()));
        }
        Set<String> catalog = Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toSet());
        EVENTING.eventPolicies().stream().filter(ManifestsTest::toTheBroker).forEach(policy ->
                assertThat(catalog).as(policy.getMetadata().getName() + " admits catalog types only")
                        .containsAll(exactTypes(policy)));
    }

    @Test
    void theDeadLetterSinkTakesLettersFromEveryTriggerAndNothingElse() {
        List<EventPolicy> toSink = EVENTING.eventPolicies().stream().filter(policy -> policy.getSpec().getTo().stream()
                .anyMatch(to -> to.getRef().getKind().equals("KafkaSink"))).toList();
        assertThat(toSink).hasSize(1);
        assertThat(senders(toSink.get(0))).isEqualTo(EVENTING.triggers().stream()
                .map(t -> "Trigger/" + t.getMetadata().getName()).collect(Collectors.toSet()));
    }

    private static boolean toTheBroker(EventPolicy policy) {
        return policy.getSpec().getTo().stream().anyMatch(to -> to.getRef().getKind().equals("Broker"));
    }

    private static Set<String> exactTypes(EventPolicy policy) {
        Set<String> types = new HashSet<>();
        policy.getSpec().getFilters().forEach(filter -> {
            Stream.concat(Stream.of(filter), filter.getAny() == null ? Stream.empty() : filter.getAny().stream())
                    .map(f -> f.getExact() == null ? null : f.getExact().get("type")).filter(Objects::nonNull)
                    .forEach(types::add);
        });
        return types;
    }

    /** {@code sa/<name>} for a service account, {@code <Kind>/<name>} for a reference. */
    private static Set<String> senders(EventPolicy policy) {
        return policy.getSpec().getFrom().stream().map(from -> from.getSub() != null
                ? "sa/" + from.getSub().substring(("system:serviceaccount:" + LocalSettings.NAMESPACE + ":").length())
                : from.getRef().getKind() + "/" + from.getRef().getName()).collect(Collectors.toSet());
    }

    /**
     * Who sends a producer's events to the broker: its service account where a SinkBinding lets it
     * publish, its Triggers where it replies; drivers' events come through driver-ingress.
     */
    private static Set<String> producerIdentities(String producer) {
        if (producer.equals(EventType.Producers.PING_SOURCE)) {
            return Set.of("PingSource/dispatch-tick");
        }
        String function = producer.equals(EventType.Producers.DRIVER_APP) ? "driver-ingress" : producer;
        Set<String> identities = new HashSet<>();
        if (EVENTING.sinkBindings().stream().anyMatch(b -> b.getSpec().getSubject().getName().equals(function))) {
            identities.add("sa/" + function);
        }
        EVENTING.triggers().stream().filter(t -> t.getSpec().getSubscriber().getRef().getName().equals(function))
                .forEach(t -> identities.add("Trigger/" + t.getMetadata().getName()));
        return identities;
    }

    /** The dispatch tick's trigger matches its type in {@code filters}, the others in {@code filter}. */
    private static String typeOf(Trigger trigger) {
        if (trigger.getSpec().getFilters() != null && !trigger.getSpec().getFilters().isEmpty()) {
            return trigger.getSpec().getFilters().stream().map(f -> f.getExact().get("type"))
                    .filter(Objects::nonNull).findFirst().orElseThrow();
        }
        return trigger.getSpec().getFilter().getAttributes().get("type");
    }

    /** Function name -> the event types its handlers take, as the running function says ({@code GET /}). */
    private static Map<String, Set<String>> handledByTheRunningFunctions() {
        Map<String, Set<String>> handled = new LinkedHashMap<>();
        SharedStack.stack().functions().forEach((name, host) -> {
            Set<String> types = new HashSet<>();
            Api.operator().at(host.url()).get("/").body().fieldNames().forEachRemaining(types::add);
            if (!types.isEmpty()) {
                handled.put(name, types);
            }
        });
        return handled;
    }
}
