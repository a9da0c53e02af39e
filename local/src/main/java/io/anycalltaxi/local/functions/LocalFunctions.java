package io.anycalltaxi.local.functions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.anycalltaxi.assigntaxi.AssignTaxiApplication;
import io.anycalltaxi.core.card.CardProcessorConfiguration;
import io.anycalltaxi.createcall.CreateCallApplication;
import io.anycalltaxi.driveringress.DriverIngressApplication;
import io.anycalltaxi.endtrippay.EndTripPayApplication;
import io.anycalltaxi.local.card.LocalCards;
import io.anycalltaxi.notifyfriend.NotifyFriendApplication;
import io.anycalltaxi.payment.PaymentApplication;
import io.anycalltaxi.projectview.ProjectViewApplication;
import io.anycalltaxi.registermember.RegisterMemberApplication;
import io.anycalltaxi.reviewtrip.ReviewTripApplication;
import io.anycalltaxi.signin.SignInApplication;
import io.anycalltaxi.starttrip.StartTripApplication;
import io.anycalltaxi.usageinsights.UsageInsightsApplication;

/** The functions this runtime hosts, by their Knative Service name, in start order. */
public final class LocalFunctions {

    private LocalFunctions() {
    }

    public static Map<String, Class<?>> applications() {
        Map<String, Class<?>> applications = new LinkedHashMap<>();
        applications.put("sign-in", SignInApplication.class);
        applications.put("payment", PaymentApplication.class);
        applications.put("register-member", RegisterMemberApplication.class);
        applications.put("create-call", CreateCallApplication.class);
        applications.put("assign-taxi", AssignTaxiApplication.class);
        applications.put("start-trip", StartTripApplication.class);
        applications.put("end-trip-pay", EndTripPayApplication.class);
        applications.put("notify-friend", NotifyFriendApplication.class);
        applications.put("project-view", ProjectViewApplication.class);
        applications.put("review-trip", ReviewTripApplication.class);
        applications.put("usage-insights", UsageInsightsApplication.class);
        applications.put("driver-ingress", DriverIngressApplication.class);
        return applications;
    }

    /**
     * What this runtime gives a function in place of a service a cluster's function reaches: a
     * function that takes cards gets the local card processor (payment also its simulation).
     */
    public static List<ApplicationContextInitializer<ConfigurableApplicationContext>> localParts(String name,
            Class<?> application) {
        Import imports = application.getAnnotation(Import.class);
        boolean takesCards = imports != null && Arrays.asList(imports.value()).contains(CardProcessorConfiguration.class);
        return takesCards ? List.of(LocalCards.processor(name.equals("payment"))) : List.of();
    }
}
