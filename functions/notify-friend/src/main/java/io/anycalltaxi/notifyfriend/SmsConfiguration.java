package io.anycalltaxi.notifyfriend;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

@Configuration
class SmsConfiguration {

    @Bean
    RecordingSmsSender recordingSmsSender(MongoOperations mongo, Clock clock) {
        return new RecordingSmsSender(mongo, clock);
    }
}
