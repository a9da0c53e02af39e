package io.anycalltaxi.reviewtrip;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class ReviewTripApplication {

    public static void main(String[] args) {
        FunctionApplication.run(ReviewTripApplication.class, "review-trip", args);
    }
}
