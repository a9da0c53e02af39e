package io.anycalltaxi.local.eventing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;

/**
 * A Trigger's filter, as Knative evaluates it: {@code spec.filters} (exact, prefix, suffix, all,
 * any, not) when present, otherwise the exact attribute matches of {@code spec.filter}.
 * CESQL is not supported here, and refused when the manifests are loaded.
 */
public final class EventFilter {

    private EventFilter() {
    }

    static Predicate<CloudEvent> of(Trigger trigger) {
        List<SubscriptionsAPIFilter> filters = trigger.getSpec().getFilters();
        if (filters != null && !filters.isEmpty()) {
            return all(filters);
        }
        if (trigger.getSpec().getFilter() == null || trigger.getSpec().getFilter().getAttributes() == null) {
            return event -> true;
        }
        return matching(trigger.getSpec().getFilter().getAttributes(), String::equals);
    }

    /**
     * The type every event the Trigger takes has, when its filter names one exactly (most do): the
     * broker passes over the other events by their {@code ce_type} header, without decoding them.
     */
    public static Optional<String> requiredType(Trigger trigger) {
        List<SubscriptionsAPIFilter> filters = trigger.getSpec().getFilters();
        if (filters != null && !filters.isEmpty()) {
            return filters.stream().map(SubscriptionsAPIFilter::getExact).filter(exact -> !isEmpty(exact))
                    .map(exact -> exact.get("type")).filter(type -> type != null && !type.isEmpty()).findFirst();
        }
        return Optional.ofNullable(trigger.getSpec().getFilter()).map(filter -> filter.getAttributes())
                .map(attributes -> attributes.get("type")).filter(type -> !type.isEmpty());
    }

    /** Every one of these filters matches (none: anything matches). */
    static Predicate<CloudEvent> all(List<SubscriptionsAPIFilter> filters) {
        return filters.stream().map(EventFilter::of).reduce(event -> true, Predicate::and);
    }

    private static Predicate<CloudEvent> of(SubscriptionsAPIFilter filter) {
        if (filter.getCesql() != null && !filter.getCesql().isBlank()) {
            throw new IllegalArgumentException("CESQL filters are not supported by the local broker: " + filter.getCesql());
        }
        // The model gives an absent dialect as an empty map or list: both mean "not filtering on it".
        Predicate<CloudEvent> predicate = event -> true;
        if (!isEmpty(filter.getExact())) {
            predicate = predicate.and(matching(filter.getExact(), String::equals));
        }
        if (!isEmpty(filter.getPrefix())) {
            predicate = predicate.and(matching(filter.getPrefix(), String::startsWith));
        }
        if (!isEmpty(filter.getSuffix())) {
            predicate = predicate.and(matching(filter.getSuffix(), String::endsWith));
        }
        if (filter.getAll() != null && !filter.getAll().isEmpty()) {
            predicate = predicate.and(all(filter.getAll()));
        }
        if (filter.getAny() != null && !filter.getAny().isEmpty()) {
            predicate = predicate.and(filter.getAny().stream().map(EventFilter::of).reduce(event -> false, Predicate::or));
        }
        if (filter.getNot() != null) {
            predicate = predicate.and(of(filter.getNot()).negate());
        }
        return predicate;
    }

    private static boolean isEmpty(Map<String, String> attributes) {
        return attributes == null || attributes.isEmpty();
    }

    /** Every named attribute (or extension) is present and matches; an empty value matches any. */
    private static Predicate<CloudEvent> matching(Map<String, String> expected, BiPredicate<String, String> test) {
        return event -> expected.entrySet().stream().allMatch(entry -> {
            String actual = attribute(event, entry.getKey());
            return actual != null && (entry.getValue().isEmpty() || test.test(actual, entry.getValue()));
        });
    }

    static String attribute(CloudEvent event, String name) {
        Object value = event.getAttributeNames().contains(name) ? event.getAttribute(name) : event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
