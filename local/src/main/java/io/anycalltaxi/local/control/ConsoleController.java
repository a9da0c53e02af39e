package io.anycalltaxi.local.control;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import io.anycalltaxi.core.web.Problems;
import io.anycalltaxi.local.eventing.DeadLetters;
import io.anycalltaxi.local.eventing.LocalBroker;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.tracing.LocalTraces;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;

/** The local operator's console: stop and start functions, read and redrive dead letters, fire pings. */
@RestController
public class ConsoleController {

    private static final int MAX_PAGE = 500;

    private static final Pattern SIGN_IN_CODE = Pattern.compile("\\b\\d{6}\\b");

    private final LocalBroker broker;
    private final Map<String, FunctionHost> functions;
    private final RestClient smsRecorder;

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final LocalTraces traces;

    ConsoleController(LocalBroker broker, Hosted hosted) {
        this.broker = broker;
        this.functions = hosted.functions();
        this.traces = hosted.traces();
        this.smsRecorder = RestClient.create(hosted.smsRecorder().toString());
    }

    /** What the console acts on: the hosted functions, and the SMS recorder's texts. */
    public record Hosted(Map<String, FunctionHost> functions, URI smsRecorder, LocalTraces traces) {
    }

    /** One trace's spans, by function, in the order they started (traces switched on: traces=on). */
    @GetMapping("/traces/{traceId}")
    List<Map<String, Object>> trace(@PathVariable String traceId) {
        return traces.trace(traceId).stream().map(span -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("function", span.getResource().getAttribute(SERVICE_NAME));
            shown.put("name", span.getName());
            shown.put("kind", span.getKind().name());
            shown.put("spanId", span.getSpanId());
            shown.put("parentSpanId", span.getParentSpanId());
            shown.put("durationMs", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0);
            return shown;
        }).toList();
    }

    /** The texts sent lately, newest last, phones masked and sign-in codes hidden: an operator needs neither. */
    @GetMapping("/texts")
    List<Map<String, Object>> texts(@RequestParam(defaultValue = "20") int last) {
        List<Map<String, Object>> texts = smsRecorder.get().uri("/messages?last={last}", Math.clamp(last, 1, 200)).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return texts == null ? List.of() : texts.stream().map(text -> {
            Map<String, Object> shown = new LinkedHashMap<>(text);
            if ("sign-in-code".equals(text.get("kind")) && text.get("text") instanceof String body) {
                shown.put("text", SIGN_IN_CODE.matcher(body).replaceAll("••••••"));
            }
            return shown;
        }).toList();
    }

    @GetMapping("/functions")
    List<Map<String, Object>> functions() {
        return functions.values().stream().map(f -> Map.<String, Object>of("name", f.name(), "url", f.url().toString(),
                "running", f.running())).toList();
    }

    @PostMapping("/functions/{name}/stop")
    ResponseEntity<Map<String, Object>> stop(@PathVariable String name) {
        return withFunction(name, FunctionHost::stop);
    }

    @PostMapping("/functions/{name}/start")
    ResponseEntity<Map<String, Object>> start(@PathVariable String name) {
        return withFunction(name, FunctionHost::start);
    }

    /** A page of dead letters, oldest first; {@code next} is the {@code after} of the next page (null on the last). */
    @GetMapping("/dead-letters")
    ResponseEntity<?> deadLetters(@RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "Invalid page", "limit is 1 to " + MAX_PAGE));
        }
        DeadLetters.Page page = broker.deadLetters(after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("letters", page.letters().stream().map(ConsoleController::describe).toList());
        body.put("next", page.next());
        return ResponseEntity.ok(body);
    }

    /** Sends one letter again to the Trigger that failed it (202), once. */
    @PostMapping("/dead-letters/{position}/redrive")
    ResponseEntity<?> redrive(@PathVariable String position) {
        LocalBroker.Redrive redrive = broker.redrive(position);
        return switch (redrive.outcome()) {
            case NO_SUCH_LETTER -> Problems.response(Problems.of(HttpStatus.NOT_FOUND, "No such letter",
                    "no dead letter at " + position));
            case REDRIVEN_BEFORE -> Problems.response(Problems.of(HttpStatus.CONFLICT, "Redriven before",
                    "the letter at " + position + " was redriven at " + redrive.letter().redriven().get().at()));
            case NO_TRIGGER -> Problems.response(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "No Trigger for it",
                    "no Trigger delivers the letter at " + position + " to "
                            + redrive.letter().event().getExtension("knativeerrordest")));
            case SENT -> {
                Map<String, Object> body = describe(redrive.letter());
                body.put("sentTo", redrive.triggers());
                yield ResponseEntity.accepted().body(body);
            }
        };
    }

    /** Closes ({@code {"open": false}}) or opens the broker's ingress: a simulated outage, senders get 503. */
    @PutMapping("/broker/ingress")
    Map<String, Object> ingress(@RequestBody Map<String, Boolean> state) {
        broker.openIngress(!Boolean.FALSE.equals(state.get("open")));
        return Map.of("open", broker.ingressOpen());
    }

    /** The broker's health: DOWN (503) while a Trigger's consumer is failing, with which and why. */
    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, String> down = broker.triggersDown();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        body.put("triggersDown", down);
        return ResponseEntity.status(down.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @PostMapping("/pingsources/{name}/fire")
    ResponseEntity<Map<String, Object>> fire(@PathVariable String name) {
        return ResponseEntity.accepted().body(describe(broker.firePing(name)));
    }

    private ResponseEntity<Map<String, Object>> withFunction(String name, Consumer<FunctionHost> action) {
        FunctionHost function = functions.get(name);
        if (function == null) {
            return ResponseEntity.notFound().build();
        }
        action.accept(function);
        return ResponseEntity.ok(Map.of("name", name, "running", function.running()));
    }

    private static Map<String, Object> describe(DeadLetters.Letter letter) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("position", letter.position());
        described.put("redriven", letter.redriven().orElse(null));
        described.putAll(describe(letter.event()));
        return described;
    }

    private static Map<String, Object> describe(CloudEvent event) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", event.getId());
        described.put("type", event.getType());
        described.put("source", event.getSource().toString());
        described.put("subject", event.getSubject());
        described.put("time", event.getTime() == null ? null : event.getTime().toString());
        for (String extension : event.getExtensionNames()) {
            Object value = event.getExtension(extension);
            described.put(extension, "knativeerrordata".equals(extension) && value != null
                    ? new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8)
                    : value);
        }
        described.put("data", event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        return described;
    }
}
