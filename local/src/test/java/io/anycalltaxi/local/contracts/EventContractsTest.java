package io.anycalltaxi.local.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.local.LocalSettings;

/**
 * The event contracts in docs/contracts agree with the code: each type's JSON Schema is its data
 * record's, and the AsyncAPI document is the catalog's producers and the Triggers' receivers. A
 * record, a schema, a Trigger or the catalog changed alone fails here.
 */
class EventContractsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void eachTypesSchemaIsItsRecords(EventType type) {
        Contracts.matches(EventContracts.schemaPath(type), EventContracts.schemaText(type));
    }

    @Test
    void theAsyncApiDocumentIsTheCatalogAndTheTriggers() {
        String document = EventContracts.asyncApi(LocalSettings.findProjectRoot().resolve("eventing"));
        Contracts.matches("asyncapi.yaml", document);
        assertThat(document).as("a channel per type").contains(EventType.CALL_REQUESTED.type(),
                "assign-taxi_receives_call-requested", "create-call_sends_call-requested");
    }
}
