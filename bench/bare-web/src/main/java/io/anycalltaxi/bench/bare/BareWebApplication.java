package io.anycalltaxi.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The least a Spring Boot web app can be: the baseline a function's cold start and memory are set against. */
@SpringBootApplication
@RestController
public class BareWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareWebApplication.class, args);
    }

    @GetMapping("/")
    String ok() {
        return "ok";
    }
}
