package io.anycalltaxi.notifyfriend;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class NotifyFriendApplication {

    public static void main(String[] args) {
        FunctionApplication.run(NotifyFriendApplication.class, "notify-friend", args);
    }
}
