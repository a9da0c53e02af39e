package io.anycalltaxi.core.cloudevents;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.anycalltaxi.core.events.EventType;

/**
 * Marks a {@code Function<CloudEvent, CloudEvent>} bean as the handler of these event types: the
 * function's service receives them from its Triggers on {@code POST /}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface HandlesEvent {

    EventType[] value();
}
