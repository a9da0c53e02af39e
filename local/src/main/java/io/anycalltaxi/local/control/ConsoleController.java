package io.anycalltaxi.local.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.local.eventing.LocalBroker;
import io.anycalltaxi.local.functions.FunctionHost;
import io.cloudevents.CloudEvent;

/** The local operator's console: stop and start functions, read and redrive dead letters, fire pings. */
@RestController
public class ConsoleController {

    private final LocalBroker broker;
    private final Map<String, FunctionHost> functions;
    private final String defaultBroker;

    ConsoleController(LocalBroker broker, Hosted hosted) {
        this.broker = broker;
        this.functions = hosted.functions();
        this.defaultBroker = hosted.broker();
    }

    /** What the console acts on: the hosted functions, and the broker dead letters are redriven to. */
    public record Hosted(Map<String, FunctionHost> functions, String broker) {
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

    @GetMapping("/dead-letters")
    List<Map<String, Object>> deadLetters() {
        return broker.deadLetters().stream().map(ConsoleController::describe).toList();
    }

    @PostMapping("/dead-letters/{eventId}/redrive")
    ResponseEntity<Map<String, Object>> redrive(@PathVariable String eventId,
            @RequestParam(required = false) String broker) {
        return this.broker.redrive(broker == null ? defaultBroker : broker, eventId)
                .map(event -> ResponseEntity.accepted().body(describe(event)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
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
