package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1alpha1.EventPolicy;
import io.fabric8.knative.eventing.v1alpha1.KafkaSink;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The project's eventing YAML, exactly what {@code kubectl apply -k eventing} applies: the files
 * its kustomization lists, parsed into the fabric8 Knative model.
 */
public record EventingManifests(List<Broker> brokers, List<Trigger> triggers, List<PingSource> pingSources,
        List<SinkBinding> sinkBindings, List<KafkaSink> kafkaSinks, List<ConfigMap> configMaps,
        List<EventPolicy> eventPolicies) {

    public static EventingManifests load(Path directory) {
        List<HasMetadata> resources = new ArrayList<>();
        for (Path file : kustomizationResources(directory)) {
            resources.addAll(parse(file));
        }
        return new EventingManifests(
                only(resources, Broker.class), only(resources, Trigger.class), only(resources, PingSource.class),
                only(resources, SinkBinding.class), only(resources, KafkaSink.class), only(resources, ConfigMap.class),
                only(resources, EventPolicy.class));
    }

    /** Every document of a multi-document YAML file, typed by its apiVersion and kind. */
    public static List<HasMetadata> parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = Serialization.unmarshal(in);
            List<HasMetadata> documents = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                list.forEach(item -> documents.add((HasMetadata) item));
            } else {
                documents.add((HasMetadata) parsed);
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Path> kustomizationResources(Path directory) {
        Path kustomization = directory.resolve("kustomization.yaml");
        try {
            Map<String, Object> content = new ObjectMapper(new YAMLFactory()).readValue(kustomization.toFile(), Map.class);
            return ((List<String>) content.getOrDefault("resources", List.of())).stream()
                    .map(directory::resolve).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kustomization, e);
        }
    }

    /** These manifests and those, as if both were applied. */
    public EventingManifests and(EventingManifests more) {
        return new EventingManifests(concat(brokers, more.brokers), concat(triggers, more.triggers),
                concat(pingSources, more.pingSources), concat(sinkBindings, more.sinkBindings),
                concat(kafkaSinks, more.kafkaSinks), concat(configMaps, more.configMaps),
                concat(eventPolicies, more.eventPolicies));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    public Broker broker(String name) {
        return brokers.stream().filter(b -> b.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Broker " + name + " in the eventing manifests"));
    }

    public KafkaSink kafkaSink(String name) {
        return kafkaSinks.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KafkaSink " + name + " in the eventing manifests"));
    }

    private static <T> List<T> only(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
