package io.anycalltaxi.local.infra;

import org.apache.catalina.Context;
import org.apache.catalina.Engine;
import org.apache.catalina.Server;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Tomcat that shares its JVM with fifteen others (every function, the gateway, the control
 * plane): one utility thread instead of two, and no thread of its own waiting to keep the JVM
 * alive, which the local runtime's main thread does. On a cluster each function has its Tomcat
 * to itself and keeps Spring Boot's defaults.
 */
public final class LeanTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** {@code StandardServer.await()} returns at once for this port: "embedded, kept alive by others". */
    private static final int NO_AWAIT = -2;

    /** Registers the customizer in an application about to start. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> context.getBeanFactory().registerSingleton("leanTomcat", new LeanTomcat());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Server server = serverOf(context);
            server.setUtilityThreads(1);
            server.setPort(NO_AWAIT);
        });
    }

    private static Server serverOf(Context context) {
        return ((Engine) context.getParent().getParent()).getService().getServer();
    }
}
