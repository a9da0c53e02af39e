package io.anycalltaxi.core.cloudevents;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A CloudEvent in binary mode carries its trace context as {@code ce-traceparent} (the
 * distributed-tracing extension); W3C propagation reads {@code traceparent}. A request with the
 * first and not the second is seen with both, before the request's span starts, so a delivery
 * continues the trace of the event's producer. A transport's own {@code traceparent} (Knative's
 * dispatcher sets one) wins.
 */
public class EventTraceHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean fromEvent = request.getHeader(EventFactory.TRACEPARENT) == null
                && request.getHeader("ce-" + EventFactory.TRACEPARENT) != null;
        chain.doFilter(fromEvent ? new FromEvent(request) : request, response);
    }

    private static final class FromEvent extends HttpServletRequestWrapper {

        FromEvent(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String own = super.getHeader(name);
            return own == null && isTraceContext(name) ? super.getHeader("ce-" + name) : own;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!isTraceContext(name) || super.getHeader(name) != null) {
                return super.getHeaders(name);
            }
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(Set.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            EventTracing.EXTENSIONS.stream().filter(name -> super.getHeader("ce-" + name) != null).forEach(names::add);
            return Collections.enumeration(names);
        }

        private static boolean isTraceContext(String name) {
            return EventTracing.EXTENSIONS.stream().anyMatch(name::equalsIgnoreCase);
        }
    }
}
