package io.anycalltaxi.local.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

import io.anycalltaxi.core.events.DriverEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripData;
import io.anycalltaxi.local.eventing.EventFilter;
import io.anycalltaxi.local.eventing.EventingManifests;
import io.fabric8.knative.eventing.v1.Trigger;

/**
 * The event contracts, generated: a JSON Schema (2020-12) of each type's data from its record in
 * the catalog ({@link EventType}), and an AsyncAPI 3 document of the broker's channels, one per
 * type, saying who sends it (the catalog's producer) and who receives it (the Triggers in
 * {@code eventing/}).
 */
final class EventContracts {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final SchemaGenerator SCHEMAS = new SchemaGenerator(schemas());

    private EventContracts() {
    }

    /**
     * Required are a record's primitives, what its validation annotations require, and the ids an
     * event about a call (its callId) or from a taxi (its taxiId) always carries; the rest may be
     * absent or null.
     */
    private static SchemaGeneratorConfig schemas() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED))
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.DEFINITIONS_FOR_ALL_OBJECTS);
        config.forFields().withRequiredCheck(EventContracts::required).withNullableCheck(field -> !required(field));
        return config.build();
    }

    private static boolean required(FieldScope field) {
        return field.getType().isPrimitive() || carries(field, TripData.class, "callId")
                || carries(field, DriverEvent.class, "taxiId");
    }

    private static boolean carries(FieldScope field, Class<?> kind, String id) {
        return field.getName().equals(id) && kind.isAssignableFrom(field.getDeclaringType().getErasedType());
    }

    /** Where a type's schema is, under docs/contracts. */
    static String schemaPath(EventType type) {
        return "events/" + type.type() + ".schema.json";
    }

    static ObjectNode schema(EventType type) {
        ObjectNode schema = SCHEMAS.generateSchema(type.dataType());
        schema.put("$id", "https://anycalltaxi.io/contracts/" + schemaPath(type));
        schema.put("title", type.dataType().getSimpleName());
        schema.put("description", "The data of a " + type.type() + " CloudEvent (application/json)");
        return schema;
    }

    static String schemaText(EventType type) {
        return text(JSON, schema(type));
    }

    /** The broker's channels: every type, its producer, and the Triggers that deliver it. */
    static String asyncApi(Path eventing) {
        Map<String, List<String>> receivers = new TreeMap<>();
        for (Trigger trigger : EventingManifests.load(eventing).triggers()) {
            String type = EventFilter.requiredType(trigger).orElseThrow(
                    () -> new IllegalStateException("trigger " + trigger.getMetadata().getName() + " names no type"));
            if (EventType.of(type).isEmpty()) {
                throw new IllegalStateException("trigger " + trigger.getMetadata().getName() + " takes " + type
                        + ", which is not in the event catalog (EventType)");
            }
            receivers.computeIfAbsent(type, t -> new ArrayList<>()).add(trigger.getSpec().getSubscriber().getRef().getName()
                    + " (Trigger " + trigger.getMetadata().getName() + ")");
        }
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            String id = id(type);
            channels.put(id, Map.of("address", type.type(),
                    "description", "Events of type " + type.type() + " on the broker anycalltaxi; Triggers filter on the type",
                    "messages", Map.of(id, Map.of("$ref", "#/components/messages/" + id))));
            operations.put(type.producer().replaceAll("[^A-Za-z0-9_-]", "-") + "_sends_" + id, Map.of("action", "send",
                    "channel", Map.of("$ref", "#/channels/" + id), "summary", type.producer() + " produces it"));
            for (String receiver : receivers.getOrDefault(type.type(), List.of())) {
                operations.put(receiver.substring(0, receiver.indexOf(' ')) + "_receives_" + id, Map.of("action", "receive",
                        "channel", Map.of("$ref", "#/channels/" + id), "summary", receiver + " delivers it"));
            }
            messages.put(id, Map.of("name", type.type(), "title", type.dataType().getSimpleName(),
                    "contentType", "application/json",
                    "correlationId", Map.of("description", "the call the event is about", "location", "$message.header#/ce-subject"),
                    "headers", Map.of("type", "object", "required", List.of("ce-specversion", "ce-id", "ce-source", "ce-type"),
                            "properties", Map.of("ce-type", Map.of("const", type.type()),
                                    "ce-specversion", Map.of("const", "1.0"),
                                    "ce-id", Map.of("type", "string"), "ce-source", Map.of("type", "string"),
                                    "ce-subject", Map.of("type", "string", "description", "the callId, where the event is about a call"),
                                    "ce-traceparent", Map.of("type", "string", "description", "W3C trace context (CloudEvents distributed tracing)"))),
                    "payload", Map.of("$ref", "./" + schemaPath(type))));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("asyncapi", "3.0.0");
        document.put("info", Map.of("title", "AnycallTaxi events", "version", "1",
                "description", "Every CloudEvent type the functions exchange through the Knative Broker anycalltaxi "
                        + "(binary mode over HTTP, stored in Kafka): who sends it and which Triggers deliver it. "
                        + "Generated from the event catalog and eventing/ (EventContractsTest)."));
        document.put("defaultContentType", "application/json");
        document.put("servers", Map.of("broker", Map.of("host", "kafka-broker-ingress.knative-eventing.svc.cluster.local",
                "pathname", "/anycalltaxi/anycalltaxi", "protocol", "http",
                "description", "The broker's ingress; a producer's workload token admits only its own types (EventPolicies)")));
        document.put("channels", channels);
        document.put("operations", operations);
        document.put("components", Map.of("messages", messages));
        return text(YAML, document);
    }

    private static String id(EventType type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        return Arrays.stream(name.split("_")).reduce((a, b) -> a + "-" + b).orElse(name);
    }

    private static String text(ObjectMapper mapper, Object document) {
        try {
            return mapper.writeValueAsString(mapper.readTree(JSON.writeValueAsString(document))) + (mapper == JSON ? "\n" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
