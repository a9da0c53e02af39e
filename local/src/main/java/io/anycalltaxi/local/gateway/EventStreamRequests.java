package io.anycalltaxi.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The gateway's requests to the functions, where an event stream ends when its client leaves.
 * Spring's JDK client response drains what is left of a body when it is closed, to keep the
 * connection for another request; an event stream (a trip's SSE) has no end to drain to, so the
 * gateway would go on reading it, and the function go on feeding it, until the stream timed out.
 * Here a stream's body is closed unread, which drops its connection: the function's next write
 * (its heartbeat) fails, and it lets the subscriber go, as it does behind a cluster's gateway.
 */
final class EventStreamRequests implements ClientHttpRequestFactory {

    private final ClientHttpRequestFactory requests;

    EventStreamRequests(ClientHttpRequestFactory requests) {
        this.requests = requests;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
        return new Request(requests.createRequest(uri, method));
    }

    private record Request(ClientHttpRequest request) implements ClientHttpRequest {

        @Override
        public ClientHttpResponse execute() throws IOException {
            ClientHttpResponse response = request.execute();
            return MediaType.TEXT_EVENT_STREAM.isCompatibleWith(response.getHeaders().getContentType())
                    ? new Stream(response) : response;
        }

        @Override
        public OutputStream getBody() throws IOException {
            return request.getBody();
        }

        @Override
        public HttpMethod getMethod() {
            return request.getMethod();
        }

        @Override
        public URI getURI() {
            return request.getURI();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return request.getAttributes();
        }

        @Override
        public HttpHeaders getHeaders() {
            return request.getHeaders();
        }
    }

    private record Stream(ClientHttpResponse response) implements ClientHttpResponse {

        @Override
        public void close() {
            try (InputStream unread = response.getBody()) {
                // closed, not drained
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }

        @Override
        public InputStream getBody() throws IOException {
            return response.getBody();
        }

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return response.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return response.getStatusText();
        }

        @Override
        public HttpHeaders getHeaders() {
            return response.getHeaders();
        }
    }
}
