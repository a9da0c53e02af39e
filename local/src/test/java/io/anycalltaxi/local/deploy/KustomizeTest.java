package io.anycalltaxi.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.eventing.EventingManifests;
import io.anycalltaxi.local.testing.StrictModel;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1alpha1.EventPolicy;
import io.fabric8.knative.eventing.v1alpha1.KafkaSink;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

/**
 * Each overlay builds with kustomize (kubectl's), and what it builds still points
 * at itself: the name prefix and the namespace reach every Knative and Gateway API reference.
 */
class KustomizeTest {

    private static final Path ROOT = LocalSettings.findProjectRoot();

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "dev, anycalltaxi-dev, dev-", "prod, anycalltaxi, ''" })
    void anOverlayBuildsAndKeepsItsReferences(String overlay, String namespace, String prefix, @TempDir Path dir)
            throws Exception {
        List<HasMetadata> built = build(ROOT.resolve("deploy/overlays").resolve(overlay), dir);

        Set<String> services = names(built, Service.class);
        Set<String> brokers = names(built, Broker.class);
        assertThat(services).as("the functions and the web app").hasSize(13).contains(prefix + "web")
                .allMatch(name -> name.startsWith(prefix));
        assertThat(brokers).containsExactly(prefix + "anycalltaxi");
        for (HasMetadata resource : built) {
            assertThat(StrictModel.unknownFields(resource)).as(resource.getMetadata().getName()).isEmpty();
            assertThat(resource.getMetadata().getNamespace()).as(resource.getMetadata().getName()).isEqualTo(namespace);
        }
        for (Trigger trigger : only(built, Trigger.class)) {
            assertThat(services).as(trigger.getMetadata().getName()).contains(trigger.getSpec().getSubscriber().getRef().getName());
            assertThat(brokers).contains(trigger.getSpec().getBroker());
        }
        Broker broker = only(built, Broker.class).get(0);
        assertThat(names(built, KafkaSink.class)).contains(broker.getSpec().getDelivery().getDeadLetterSink().getRef().getName());
        assertThat(names(built, ConfigMap.class)).contains(broker.getSpec().getConfig().getName());
        for (SinkBinding binding : only(built, SinkBinding.class)) {
            assertThat(services).contains(binding.getSpec().getSubject().getName());
            assertThat(brokers).contains(binding.getSpec().getSink().getRef().getName());
        }
        for (PingSource ping : only(built, PingSource.class)) {
            assertThat(brokers).contains(ping.getSpec().getSink().getRef().getName());
        }
        for (Service service : only(built, Service.class)) {
            service.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> assertThat(names(built, ConfigMap.class)).contains(v.getConfigMap().getName()));
        }
        HTTPRoute route = only(built, HTTPRoute.class).get(0);
        assertThat(names(built, Gateway.class)).contains(route.getSpec().getParentRefs().get(0).getName());
        route.getSpec().getRules().forEach(rule -> rule.getBackendRefs().forEach(backend ->
                assertThat(services).as("the gateway routes to the functions and the web app only")
                        .contains(backend.getName())));
        Set<String> accounts = names(built, ServiceAccount.class);
        for (Service service : only(built, Service.class)) {
            assertThat(accounts).as(service.getMetadata().getName() + "'s identity")
                    .contains(service.getSpec().getTemplate().getSpec().getServiceAccountName());
        }
        Set<String> triggers = names(built, Trigger.class);
        for (EventPolicy policy : only(built, EventPolicy.class)) {
            assertThat(policy.getSpec().getTo()).allSatisfy(to -> assertThat(to.getRef().getKind().equals("Broker")
                    ? brokers : names(built, KafkaSink.class)).contains(to.getRef().getName()));
            policy.getSpec().getFrom().forEach(from -> {
                if (from.getSub() != null) {
                    assertThat(from.getSub()).as(policy.getMetadata().getName()).startsWith("system:serviceaccount:"
                            + namespace + ":");
                    assertThat(accounts).contains(from.getSub().substring(from.getSub().lastIndexOf(':') + 1));
                } else {
                    assertThat(from.getRef().getNamespace()).isEqualTo(namespace);
                    if (from.getRef().getKind().equals("Trigger")) {
                        assertThat(triggers).contains(from.getRef().getName());
                    }
                }
            });
        }
        ConfigMap config = only(built, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("anycalltaxi.identity.namespace")).findFirst().orElseThrow();
        assertThat(config.getData()).as("the functions know their namespace")
                .containsEntry("anycalltaxi.identity.namespace", namespace)
                .containsEntry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "http://" + prefix + "sign-in." + namespace + ".svc.cluster.local/.well-known/jwks.json");
        String paymentUrl = only(built, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("anycalltaxi.services.payment.url")).findFirst().orElseThrow()
                .getData().get("anycalltaxi.services.payment.url");
        assertThat(paymentUrl).as("end-trip-pay finds payment").startsWith("http://" + prefix + "payment.");
    }

    private static List<HasMetadata> build(Path overlay, Path dir) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(false).start();
        } catch (IOException noKubectl) {
            System.out.println("SKIPPED: kubectl is not on this machine (" + noKubectl.getMessage() + ")");
            assumeTrue(false, "kubectl is not installed: the overlays were not built");
            throw noKubectl;
        }
        byte[] output = kubectl.getInputStream().readAllBytes();
        String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor()).as("kubectl kustomize " + overlay + ": " + errors).isZero();
        Path file = dir.resolve("built.yaml");
        Files.write(file, output);
        return EventingManifests.parse(file);
    }

    private static <T> List<T> only(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> names(List<HasMetadata> resources, Class<? extends HasMetadata> type) {
        return only(resources, type).stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
    }
}
