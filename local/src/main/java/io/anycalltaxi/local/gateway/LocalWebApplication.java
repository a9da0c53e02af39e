package io.anycalltaxi.local.gateway;

import io.anycalltaxi.local.infra.PlainWebApplication;

/**
 * The web app's files (the {@code web} module's jar), served as the cluster's {@code web} Service
 * serves them: the gateway's last route, {@code /}, goes here.
 */
@PlainWebApplication
public class LocalWebApplication {

    /** Where the web module's build puts the files on the classpath. */
    public static final String FILES = "classpath:/anycalltaxi-web/";
}
