package io.anycalltaxi.driveringress;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class DriverIngressApplication {

    public static void main(String[] args) {
        FunctionApplication.run(DriverIngressApplication.class, "driver-ingress", args);
    }
}
