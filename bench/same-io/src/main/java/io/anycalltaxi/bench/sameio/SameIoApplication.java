package io.anycalltaxi.bench.sameio;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.spring.http.CloudEventHttpUtils;

/**
 * The yardstick a function's CPU per request is set against (bench table 7): it does the I/O it
 * is told to (by its query), with the libraries the functions use (Spring MVC on Tomcat, Spring Data's
 * MongoTemplate, a CloudEvent posted in binary mode by RestClient on the JDK's HTTP client), and
 * nothing else: no token, no rule, no outbox. What a function costs beyond it is its own.
 *
 * <ul>
 * <li>{@code read=collection:id} (repeatable): one document read by id each</li>
 * <li>{@code find=collection:field:value} (repeatable): the documents whose field has that value
 * ({@code true} and {@code false} are booleans), at most {@value #FOUND_AT_MOST} each</li>
 * <li>{@code inserts=N}: documents inserted, made from the request's body</li>
 * <li>{@code updates=N}: updates of the last inserted document by its id</li>
 * <li>{@code posts=N}: CloudEvents posted to {@code SAME_IO_SINK}, the body as their data</li>
 * </ul>
 */
@SpringBootApplication
@RestController
public class SameIoApplication {

    private static final String WRITTEN = "same_io";
    private static final int FOUND_AT_MOST = 200;

    private final MongoTemplate mongo;
    private final RestClient http;
    private final URI sink;

    SameIoApplication(MongoTemplate mongo, @Value("${SAME_IO_SINK}") URI sink) {
        this.mongo = mongo;
        this.sink = sink;
        this.http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2)).build())).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(SameIoApplication.class, args);
    }

    @GetMapping("/")
    String ok() {
        return "ok";
    }

    @GetMapping("/io")
    Map<String, Object> read(@RequestParam(defaultValue = "") List<String> read,
            @RequestParam(defaultValue = "") List<String> find) {
        return Map.of("read", reads(read), "found", finds(find));
    }

    @PostMapping("/io")
    ResponseEntity<Map<String, Object>> write(@RequestParam(defaultValue = "") List<String> read,
            @RequestParam(defaultValue = "0") int inserts, @RequestParam(defaultValue = "0") int updates,
            @RequestParam(defaultValue = "0") int posts, @RequestBody Map<String, Object> body) {
        List<Document> found = reads(read);
        String id = null;
        for (int i = 0; i < inserts; i++) {
            id = UUID.randomUUID().toString();
            mongo.insert(new Document(body).append("_id", id), WRITTEN);
        }
        for (int i = 0; i < updates; i++) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update("step", i), WRITTEN);
        }
        for (int i = 0; i < posts; i++) {
            post(body);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", String.valueOf(id), "read", found.size()));
    }

    private List<Document> reads(List<String> read) {
        return read.stream().map(spec -> spec.split(":", 2))
                .map(spec -> mongo.findById(spec[1], Document.class, spec[0])).toList();
    }

    private List<List<Document>> finds(List<String> find) {
        return find.stream().map(spec -> spec.split(":", 3)).map(spec -> mongo.find(Query.query(Criteria.where(spec[1])
                .is(switch (spec[2]) {
                    case "true" -> (Object) true;
                    case "false" -> false;
                    default -> spec[2];
                })).limit(FOUND_AT_MOST), Document.class, spec[0])).toList();
    }

    private void post(Map<String, Object> body) {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/same-io")).withType("bench.same-io").withTime(OffsetDateTime.now())
                .withDataContentType("application/json").withData(new Document(body).toJson().getBytes()).build();
        http.post().uri(sink).headers(h -> h.addAll(CloudEventHttpUtils.toHttp(event)))
                .body(event.getData().toBytes()).retrieve().toBodilessEntity();
    }
}
