package io.anycalltaxi.endtrippay;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.fleet.TaxiDirectory;

@SpringBootApplication
public class EndTripPayApplication {

    /** The taxis' tracks, that rides are measured on. */
    @Bean
    TaxiDirectory taxiDirectory(MongoOperations mongo) {
        return new TaxiDirectory(mongo);
    }

    public static void main(String[] args) {
        FunctionApplication.run(EndTripPayApplication.class, "end-trip-pay", args);
    }
}
