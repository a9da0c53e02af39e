package io.anycalltaxi.core.cloudevents;

import org.springframework.http.HttpHeaders;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.spring.http.CloudEventHttpUtils;

/** CloudEvents over HTTP (binary and structured mode) with the SDK, refusing what is not one. */
public final class CloudEventHttp {

    private CloudEventHttp() {
    }

    /** Reads a binary- or structured-mode CloudEvent; a malformed one is an {@link InvalidEvent}. */
    public static CloudEvent read(HttpHeaders headers, byte[] body) {
        byte[] data = body == null ? new byte[0] : body;
        try {
            return CloudEventHttpUtils.toReader(headers, () -> data).toEvent();
        } catch (CloudEventRWException | EventDeserializationException | IllegalStateException
                | IllegalArgumentException e) {
            throw new InvalidEvent("not a valid CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The headers of the event in binary mode; its data is the body. */
    public static HttpHeaders headers(CloudEvent event) {
        return CloudEventHttpUtils.toHttp(event);
    }

    public static byte[] body(CloudEvent event) {
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }
}
