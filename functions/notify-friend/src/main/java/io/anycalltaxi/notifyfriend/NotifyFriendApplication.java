package io.anycalltaxi.notifyfriend;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.security.TripShares;
import io.anycalltaxi.core.sms.SmsConfiguration;

@SpringBootApplication
@Import(SmsConfiguration.class)
public class NotifyFriendApplication {

    /** The friend's link opens the one trip, read-only (the key comes from a Secret). */
    @Bean
    TripShares tripShares(@Value("${anycalltaxi.share.key}") String key) {
        return new TripShares(key);
    }

    public static void main(String[] args) {
        FunctionApplication.run(NotifyFriendApplication.class, "notify-friend", args);
    }
}
