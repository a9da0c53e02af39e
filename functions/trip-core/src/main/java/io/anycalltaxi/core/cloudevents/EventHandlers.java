package io.anycalltaxi.core.cloudevents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ApplicationContext;

import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/**
 * The function's event handlers by event type: the {@code Function<CloudEvent, CloudEvent>} beans
 * annotated {@link HandlesEvent}, looked up in Spring Cloud Function's catalog.
 */
public class EventHandlers {

    private final Map<String, Function<CloudEvent, CloudEvent>> byType;
    private final Map<String, String> beanNameByType;

    public EventHandlers(ApplicationContext context, FunctionCatalog catalog) {
        Map<String, Function<CloudEvent, CloudEvent>> handlers = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String beanName : context.getBeanNamesForAnnotation(HandlesEvent.class)) {
            Function<CloudEvent, CloudEvent> function = catalog.lookup(Function.class, beanName);
            if (function == null) {
                throw new IllegalStateException(beanName + " is annotated @HandlesEvent but is no Function");
            }
            for (EventType type : context.findAnnotationOnBean(beanName, HandlesEvent.class).value()) {
                String previous = names.put(type.type(), beanName);
                if (previous != null) {
                    throw new IllegalStateException(type.type() + " is handled by both " + previous + " and " + beanName);
                }
                handlers.put(type.type(), function);
            }
        }
        this.byType = Collections.unmodifiableMap(handlers);
        this.beanNameByType = Collections.unmodifiableMap(names);
    }

    public Optional<Function<CloudEvent, CloudEvent>> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Event type -> the name of the function bean handling it (for operators and manifest checks). */
    public Map<String, String> handledTypes() {
        return beanNameByType;
    }
}
