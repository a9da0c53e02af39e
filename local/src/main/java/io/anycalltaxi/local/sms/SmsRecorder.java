package io.anycalltaxi.local.sms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.member.PhoneNumber;

/** {@code POST /messages} as an SMS provider takes them (once per Idempotency-Key); {@code GET /messages} lists them, oldest first. */
@RestController
class SmsRecorder {

    private final SmsRecorderApplication.Account account;
    private final List<Text> texts = new CopyOnWriteArrayList<>();
    private final Map<String, Text> byKey = new ConcurrentHashMap<>();

    SmsRecorder(SmsRecorderApplication.Account account) {
        this.account = account;
    }

    record Outgoing(String from, String to, String text, Map<String, String> reference) {
    }

    /** As the messages are shown: to whom (masked), what kind, the text. */
    record Text(String to, String kind, String callId, String memberId, String text, Instant sentAt) {
    }

    @PostMapping("/messages")
    ResponseEntity<Map<String, String>> send(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody Outgoing message) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((account.name() + ":" + account.secret()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        PhoneNumber to = PhoneNumber.parse(message.to()).orElse(null);
        if (to == null || message.text() == null || message.text().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "a message needs an E.164 'to' and a text"));
        }
        Map<String, String> reference = message.reference() == null ? Map.of() : message.reference();
        Text text = new Text(to.e164(), reference.get("kind"), reference.get("callId"), reference.get("memberId"),
                message.text(), Instant.now());
        if (key == null || byKey.putIfAbsent(key, text) == null) {
            texts.add(text);
        }
        return ResponseEntity.accepted().body(Map.of("id", key == null ? "unkeyed" : key));
    }

    /** As typed, or E.164 (whose '+' an unencoded query string turns into a space). */
    @GetMapping(path = "/messages", params = "phone")
    List<Text> toPhone(@RequestParam String phone) {
        String e164 = PhoneNumber.parse(phone).or(() -> PhoneNumber.parse("+" + phone.strip()))
                .map(PhoneNumber::e164).orElse(phone);
        return shown(text -> text.to().equals(e164));
    }

    @GetMapping(path = "/messages", params = "callId")
    List<Text> aboutCall(@RequestParam String callId) {
        return shown(text -> callId.equals(text.callId()));
    }

    @GetMapping(path = "/messages", params = "memberId")
    List<Text> toMember(@RequestParam String memberId) {
        return shown(text -> memberId.equals(text.memberId()));
    }

    @GetMapping(path = "/messages", params = { "!phone", "!callId", "!memberId" })
    List<Text> recent(@RequestParam(defaultValue = "50") int last) {
        List<Text> all = shown(text -> true);
        return all.subList(Math.max(0, all.size() - Math.max(1, Math.min(last, 500))), all.size());
    }

    private List<Text> shown(Predicate<Text> which) {
        return texts.stream().filter(which).map(text -> new Text(new PhoneNumber(text.to()).masked(), text.kind(),
                text.callId(), text.memberId(), text.text(), text.sentAt())).toList();
    }
}
