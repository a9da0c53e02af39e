package io.anycalltaxi.local.functions;

import java.util.LinkedHashMap;
import java.util.Map;

import io.anycalltaxi.assigntaxi.AssignTaxiApplication;
import io.anycalltaxi.createcall.CreateCallApplication;
import io.anycalltaxi.driveringress.DriverIngressApplication;
import io.anycalltaxi.endtrippay.EndTripPayApplication;
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
}
