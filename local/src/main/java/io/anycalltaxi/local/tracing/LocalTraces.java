package io.anycalltaxi.local.tracing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The spans of every function this runtime hosts, kept in memory for the latest traces, so that a
 * trip can be followed locally without a collector (console {@code /traces/{traceId}}). Each
 * function gets it as one more span processor beside what its own configuration exports (OTLP);
 * a span reaches it only when sampled, and locally nothing is unless traces are switched on.
 */
public final class LocalTraces implements SpanExporter {

    private static final int KEPT_TRACES = 1000;

    private final Map<String, List<SpanData>> byTrace = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<SpanData>> eldest) {
            return size() > KEPT_TRACES;
        }
    };

    /** Gives a function's context these spans as they end. */
    public ApplicationContextInitializer<ConfigurableApplicationContext> processor() {
        return context -> context.getBeanFactory().registerSingleton("localTraces", SimpleSpanProcessor.create(this));
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        spans.forEach(span -> byTrace.computeIfAbsent(span.getTraceId(), id -> new ArrayList<>()).add(span));
        return CompletableResultCode.ofSuccess();
    }

    /** The trace's spans so far, in the order they started. */
    public synchronized List<SpanData> trace(String traceId) {
        return byTrace.getOrDefault(traceId, List.of()).stream()
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
