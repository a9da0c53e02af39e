package io.anycalltaxi.core.web;

import org.slf4j.MDC;

import io.cloudevents.CloudEvent;

/**
 * Correlation for the logs: every line written while handling a request names the call (and the
 * event) it is about. {@link CallContextFilter} clears it when the request ends.
 */
public final class CallContext {

    static final String CALL_ID = "callId";
    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";

    private CallContext() {
    }

    public static void of(CloudEvent event) {
        if (event.getSubject() != null) {
            MDC.put(CALL_ID, event.getSubject());
        }
        MDC.put(EVENT_ID, event.getId());
        MDC.put(EVENT_TYPE, event.getType());
    }

    public static void ofCall(String callId) {
        MDC.put(CALL_ID, callId);
    }

    static void clear() {
        MDC.remove(CALL_ID);
        MDC.remove(EVENT_ID);
        MDC.remove(EVENT_TYPE);
    }
}
