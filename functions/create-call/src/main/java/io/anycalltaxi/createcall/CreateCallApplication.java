package io.anycalltaxi.createcall;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class CreateCallApplication {

    public static void main(String[] args) {
        FunctionApplication.run(CreateCallApplication.class, "create-call", args);
    }
}
