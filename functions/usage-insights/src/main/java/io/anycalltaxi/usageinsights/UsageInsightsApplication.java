package io.anycalltaxi.usageinsights;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
@EnableConfigurationProperties(PromotionRules.class)
public class UsageInsightsApplication {

    public static void main(String[] args) {
        FunctionApplication.run(UsageInsightsApplication.class, "usage-insights", args);
    }
}
