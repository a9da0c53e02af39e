package io.anycalltaxi.notifyfriend;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * The messages the recording sender kept about a call ({@code ?callId=}) or for a member
 * ({@code ?memberId=}), numbers masked: for the local operator and tests.
 */
@RestController
@ConditionalOnProperty(name = "anycalltaxi.sms.provider", havingValue = "local", matchIfMissing = true)
class RecordedMessages {

    private final RecordingSmsSender recorder;

    RecordedMessages(RecordingSmsSender recorder) {
        this.recorder = recorder;
    }

    @GetMapping(path = "/messages", params = "callId")
    List<Message> aboutCall(@RequestParam String callId) {
        return masked(recorder.sent("callId", callId));
    }

    @GetMapping(path = "/messages", params = "memberId")
    List<Message> toMember(@RequestParam String memberId) {
        return masked(recorder.sent("memberId", memberId));
    }

    private static List<Message> masked(List<RecordingSmsSender.RecordedSms> sent) {
        return sent.stream()
                .map(sms -> new Message(new PhoneNumber(sms.to()).masked(), sms.kind(), sms.text(), sms.sentAt().toString()))
                .toList();
    }

    record Message(String to, String kind, String text, String sentAt) {
    }
}
