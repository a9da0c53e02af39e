package io.anycalltaxi.local.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.anycalltaxi.local.LocalSettings;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.eventing.v1.Trigger;

/** The project's own Triggers, filtering as Knative does. */
class EventFilterTest {

    private static final EventingManifests MANIFESTS = EventingManifests.load(
            LocalSettings.findProjectRoot().resolve(Path.of("eventing")));

    private static Trigger trigger(String name) {
        return MANIFESTS.triggers().stream().filter(t -> t.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static CloudEvent event(String type, String source) {
        return CloudEventBuilder.v1().withId("id").withType(type).withSource(URI.create(source)).build();
    }

    @Test
    void theDispatchTickTriggerTakesThePingsOfTheDispatchTickInAnyNamespace() {
        var filter = EventFilter.of(trigger("assign-taxi--dispatch-tick"));

        assertThat(filter.test(event("dev.knative.sources.ping", "/apis/v1/namespaces/prod/pingsources/dispatch-tick")))
                .isTrue();
        assertThat(filter.test(event("dev.knative.sources.ping", "/apis/v1/namespaces/prod/pingsources/other")))
                .isFalse();
        assertThat(filter.test(event("io.anycalltaxi.call.requested", "/pingsources/dispatch-tick"))).isFalse();
    }

    @Test
    void aTypeFilterTakesThatTypeExactly() {
        var filter = EventFilter.of(trigger("start-trip--driver-passenger-boarded"));

        assertThat(filter.test(event("io.anycalltaxi.driver.passenger.boarded", "/drivers/taxi-1"))).isTrue();
        assertThat(filter.test(event("io.anycalltaxi.driver.passenger.boarded.v2", "/drivers/taxi-1"))).isFalse();
        assertThat(filter.test(event("io.anycalltaxi.driver.passenger", "/drivers/taxi-1"))).isFalse();
    }

    @Test
    void aFilterNamingATypeExactlyLetsTheBrokerSkipOtherTypesUndecoded() {
        assertThat(EventFilter.requiredType(trigger("start-trip--driver-passenger-boarded")))
                .contains("io.anycalltaxi.driver.passenger.boarded");
        assertThat(EventFilter.requiredType(trigger("assign-taxi--dispatch-tick"))).contains("dev.knative.sources.ping");
        assertThat(MANIFESTS.triggers()).as("every Trigger of the project names its type")
                .allSatisfy(trigger -> assertThat(EventFilter.requiredType(trigger)).isPresent());
    }
}
