package io.anycalltaxi.local.operations;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * #19: one whole trip, begun with the client's own trace context, is one trace through every
 * function it passes (spans kept by the local runtime's in-memory exporter), and the functions'
 * Prometheus endpoints count it; only the scraper's workload token reads them.
 */
@ExtendWith(SharedStack.class)
class ObservabilityTest {

    /** Every function one trip passes, from the call to its completion. */
    private static final Set<String> A_TRIPS_FUNCTIONS = Set.of("create-call", "assign-taxi", "driver-ingress",
            "start-trip", "end-trip-pay", "payment", "notify-friend", "project-view", "usage-insights");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);
    /** The span of the customer's app that made the call. */
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"");
    private static final Path MONITORING = LocalSettings.findProjectRoot().resolve("deploy/monitoring");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRAPER = "system:serviceaccount:monitoring:prometheus";

    private static String traceId;
    private static String callId;
    private static Map<String, Map<String, Double>> before;

    @BeforeAll
    static void oneTrip() {
        SharedStack.stack(); // started by the extension
        before = scrapeAll();
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        traceId = HexFormat.of().formatHex(id);
        Rider rider = Rider.signUp(Api.gateway());
        Place pickup = Rider.somewhere();
        Driver driver = new Driver("서울34나5678", "Kim Jiwoo");
        driver.standBy(Rider.near(pickup, 200));
        Api.Response called = rider.api.post("/calls", Map.of("pickup", pickup, "dropoff", Rider.near(pickup, 6_000)),
                "traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-01");
        assertThat(called.status()).as(called.body().toString()).isEqualTo(201);
        callId = called.text("callId");
        Api.Response again = rider.api.post("/calls", Map.of("pickup", pickup, "dropoff", Rider.near(pickup, 6_000)));
        assertThat(again.status()).as("one active call per member").isEqualTo(409);
        driver.acceptOffered(callId);
        awaitStatus(callId, "ASSIGNED");
        driver.arrive(callId);
        driver.board(callId);
        driver.drive(pickup, 6_100);
        driver.alight(callId, 6_100, 30);
        awaitStatus(callId, "COMPLETED");
    }

    @Test
    void oneTripIsOneTraceThroughEveryFunctionItPasses() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(functionsIn(trace()))
                .as("functions with spans in trace %s", traceId).containsAll(A_TRIPS_FUNCTIONS));
        List<SpanData> spans = trace();
        assertThat(Console.get("/traces/" + traceId).body().findValuesAsText("function"))
                .as("the console shows the trace").containsAll(A_TRIPS_FUNCTIONS);
        Set<String> parents = spans.stream().map(SpanData::getSpanId).collect(Collectors.toCollection(HashSet::new));
        parents.add(CLIENT_SPAN);
        assertThat(spans).as("every span's parent is the client's or in the trace: no function starts a trace of its own")
                .allSatisfy(span -> assertThat(span.getParentSpanId()).isIn(parents));
        assertThat(spans).as("the charge is a client span of end-trip-pay answered by payment's server span")
                .anySatisfy(span -> {
                    assertThat(function(span)).isEqualTo("payment");
                    assertThat(span.getKind().name()).isEqualTo("SERVER");
                    assertThat(spans).anySatisfy(parent -> {
                        assertThat(parent.getSpanId()).isEqualTo(span.getParentSpanId());
                        assertThat(function(parent)).isEqualTo("end-trip-pay");
                        assertThat(parent.getKind().name()).isEqualTo("CLIENT");
                    });
                });
    }

    @Test
    void theFunctionsCountTheTripOnTheirPrometheusEndpoints() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Map<String, Double>> after = scrapeAll();
            assertThat(increase(after, "create-call", "anycalltaxi_calls_requested_total")).isEqualTo(1.0);
            assertThat(increase(after, "create-call", "anycalltaxi_calls_refused_total{reason=\"call_in_progress\"}"))
                    .isEqualTo(1.0);
            assertThat(increase(after, "assign-taxi", "anycalltaxi_calls_assignment_seconds_count")).isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "assign-taxi", "anycalltaxi_calls_offers_taxis_count{outcome=\"assigned\"}"))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "end-trip-pay", "anycalltaxi_trips_completed_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "end-trip-pay", "anycalltaxi_payments_total{outcome=\"approved\",purpose=\"fare\"}"))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "end-trip-pay", "anycalltaxi_fares_count{currency=\"KRW\"}")).isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "notify-friend", "anycalltaxi_texts_total{kind=\"trip-started\",outcome=\"sent\"}"))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(increase(after, "start-trip",
                    "anycalltaxi_events_handled_seconds_count{outcome=\"handled\",type=\"io.anycalltaxi.driver.passenger.boarded\"}"))
                    .isGreaterThanOrEqualTo(1.0);
        });
        assertThat(scrape("end-trip-pay")).as("a function's meters name it, and no label holds an id")
                .containsKey("anycalltaxi_outbox_age_seconds{application=\"end-trip-pay\"}")
                .allSatisfy((series, value) -> assertThat(series).contains("application=\"end-trip-pay\"")
                        .doesNotContain(callId));
    }

    @Test
    void onlyPrometheusScrapesTheMeters() {
        URI prometheus = SharedStack.stack().functions().get("create-call").url().resolve("/actuator/prometheus");
        assertThat(get(prometheus, null).statusCode()).as("no token").isEqualTo(401);
        String member = Rider.signUp(Api.gateway()).api.token();
        assertThat(get(prometheus, member).statusCode()).as("a member's token").isEqualTo(401);
        String otherWorkload = SharedStack.stack().workloads().token(
                SharedStack.stack().workloads().serviceAccount("assign-taxi"), "anycalltaxi-metrics");
        assertThat(get(prometheus, otherWorkload).statusCode()).as("another workload").isEqualTo(401);
        assertThat(get(prometheus, scraperToken()).statusCode()).as("the scraper").isEqualTo(200);
    }

    @Test
    void theBrokerCountsDeadLettersByTrigger() {
        String series = "anycalltaxi_broker_dead_letters_total{application=\"local-broker\",trigger=\"test-reject\"}";
        double before = brokerMeters().getOrDefault(series, 0.0);
        Console.aDeadLetter("/tests/observability");
        assertThat(brokerMeters().get(series)).isEqualTo(before + 1);
    }

    @Test
    void theDashboardAndTheAlertsNameOnlyMetersAndLabelsTheFunctionsExport() throws IOException {
        Map<String, Set<String>> exported = new HashMap<>();
        scrapeAll().values().forEach(samples -> samples.keySet().forEach(series -> exported
                .computeIfAbsent(series.replaceAll("\\{.*", ""), name -> new HashSet<>()).addAll(labelsOf(series))));
        List<String> expressions = new ArrayList<>();
        JsonNode rules = YAML.readTree(MONITORING.resolve("alerts.yaml").toFile());
        rules.path("spec").path("groups").forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("anycalltaxi-dashboard.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).as("alerts and panels").hasSizeGreaterThan(15);
        for (String expression : expressions) {
            Promql parsed = Promql.of(expression);
            assertThat(parsed.selectors()).as(expression).isNotEmpty();
            Set<String> labels = new HashSet<>(Set.of("le"));
            parsed.selectors().forEach((metric, matched) -> {
                assertThat(exported).as("%s in %s", metric, expression).containsKey(metric);
                assertThat(exported.get(metric)).as("labels of %s in %s", metric, expression).containsAll(matched);
                labels.addAll(exported.get(metric));
            });
            assertThat(labels).as("grouped by in %s", expression).containsAll(parsed.grouping());
        }
    }

    /** The metrics an expression selects (with the labels it matches on) and the labels it groups by. */
    record Promql(Map<String, Set<String>> selectors, Set<String> grouping) {

        private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
        private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})?\\s*(\\()?");
        private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "on", "ignoring", "offset",
                "group_left", "group_right");

        static Promql of(String expression) {
            Set<String> grouping = new HashSet<>();
            Matcher by = GROUPING.matcher(expression);
            while (by.find()) {
                Arrays.stream(by.group(1).split(",")).map(String::strip).filter(l -> !l.isEmpty()).forEach(grouping::add);
            }
            String rest = GROUPING.matcher(expression).replaceAll(" ").replaceAll("\\[[^]]*]", " ");
            Map<String, Set<String>> selectors = new HashMap<>();
            Matcher selector = SELECTOR.matcher(rest);
            while (selector.find()) {
                boolean call = selector.group(3) != null && selector.group(2) == null;
                if (!call && !KEYWORDS.contains(selector.group(1)) && !selector.group(1).matches("\\d.*")) {
                    selectors.computeIfAbsent(selector.group(1), name -> new HashSet<>())
                            .addAll(selector.group(2) == null ? Set.of() : labelsOf(selector.group(2)));
                }
            }
            return new Promql(selectors, grouping);
        }
    }

    private static Set<String> labelsOf(String series) {
        Set<String> labels = new HashSet<>();
        Matcher label = LABEL.matcher(series);
        while (label.find()) {
            labels.add(label.group(1));
        }
        return labels;
    }

    private static Map<String, Double> brokerMeters() {
        return samples(get(SharedStack.stack().controlPlane().resolve("/actuator/prometheus"), scraperToken()));
    }

    private static List<SpanData> trace() {
        return SharedStack.stack().traces().trace(traceId);
    }

    private static Set<String> functionsIn(List<SpanData> spans) {
        return spans.stream().map(ObservabilityTest::function).collect(Collectors.toSet());
    }

    private static String function(SpanData span) {
        return span.getResource().getAttribute(AttributeKey.stringKey("service.name"));
    }

    private static double increase(Map<String, Map<String, Double>> after, String function, String series) {
        String labelled = withApplication(series, function);
        return after.get(function).getOrDefault(labelled, 0.0) - before.get(function).getOrDefault(labelled, 0.0);
    }

    /** Prometheus sorts labels by name; {@code application} is among them. */
    private static String withApplication(String series, String function) {
        int brace = series.indexOf('{');
        Map<String, String> labels = new TreeMap<>();
        labels.put("application", "\"" + function + "\"");
        if (brace > 0) {
            for (String label : series.substring(brace + 1, series.length() - 1).split(",")) {
                labels.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
            }
        }
        return (brace > 0 ? series.substring(0, brace) : series) + labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    static Map<String, Map<String, Double>> scrapeAll() {
        Map<String, Map<String, Double>> all = new HashMap<>();
        SharedStack.stack().functions().keySet().forEach(name -> all.put(name, scrape(name)));
        return all;
    }

    /** The function's samples, by series (name and labels as exposed). */
    static Map<String, Double> scrape(String function) {
        return samples(get(SharedStack.stack().functions().get(function).url().resolve("/actuator/prometheus"),
                scraperToken()));
    }

    private static Map<String, Double> samples(HttpResponse<byte[]> scraped) {
        String body = new String(scraped.body(), StandardCharsets.UTF_8);
        assertThat(scraped.statusCode()).as(body).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        Matcher sample = SAMPLE.matcher(body);
        while (sample.find()) {
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2).replace(",}", "}")),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    static String scraperToken() {
        return SharedStack.stack().workloads().token(SCRAPER, "anycalltaxi-metrics");
    }

    /** As Prometheus asks: with a bearer token, or with none. */
    private static HttpResponse<byte[]> get(URI url, String token) {
        return token == null ? CloudEventClient.get(url.toString())
                : CloudEventClient.get(url.toString(), TestIdentity.bearer(token));
    }
}
