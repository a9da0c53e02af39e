package io.anycalltaxi.starttrip;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class StartTripApplication {

    public static void main(String[] args) {
        FunctionApplication.run(StartTripApplication.class, "start-trip", args);
    }
}
