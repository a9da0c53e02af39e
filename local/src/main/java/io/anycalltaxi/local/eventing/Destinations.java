package io.anycalltaxi.local.eventing;

import java.net.URI;
import java.util.Map;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;

/**
 * Resolves Knative destinations to URLs on this machine: a Knative Service to its function's
 * port (plus {@code uri} as a path), a Broker to the local ingress, a KafkaSink to the local sink
 * receiver; a plain {@code uri} as is.
 */
public final class Destinations {

    private final Map<String, URI> services;
    private final URI controlPlane;
    private final String namespace;

    public Destinations(Map<String, URI> services, URI controlPlane, String namespace) {
        this.services = Map.copyOf(services);
        this.controlPlane = controlPlane;
        this.namespace = namespace;
    }

    public URI resolve(Destination destination) {
        KReference ref = destination.getRef();
        String path = destination.getUri() == null ? "" : destination.getUri();
        if (ref == null) {
            return URI.create(path);
        }
        return switch (ref.getKind()) {
            case "Service" -> {
                URI service = services.get(ref.getName());
                if (service == null) {
                    throw new IllegalArgumentException("no function serves the Knative Service " + ref.getName());
                }
                yield URI.create(service + path);
            }
            case "Broker" -> brokerIngress(ref.getName());
            case "KafkaSink" -> kafkaSink(ref.getName());
            default -> throw new IllegalArgumentException("the local broker cannot deliver to a " + ref.getKind());
        };
    }

    /** Knative's Kafka broker ingress path: {@code /<namespace>/<broker>}. */
    public URI brokerIngress(String broker) {
        return controlPlane.resolve("/" + namespace + "/" + broker);
    }

    public URI kafkaSink(String sink) {
        return controlPlane.resolve("/sinks/" + namespace + "/" + sink);
    }

    public String namespace() {
        return namespace;
    }
}
