package io.anycalltaxi.endtrippay;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class EndTripPayApplication {

    public static void main(String[] args) {
        FunctionApplication.run(EndTripPayApplication.class, "end-trip-pay", args);
    }
}
