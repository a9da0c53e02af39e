package io.anycalltaxi.assigntaxi;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
@EnableConfigurationProperties(DispatchPolicy.class)
public class AssignTaxiApplication {

    public static void main(String[] args) {
        FunctionApplication.run(AssignTaxiApplication.class, "assign-taxi", args);
    }
}
