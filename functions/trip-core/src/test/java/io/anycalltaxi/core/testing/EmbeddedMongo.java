package io.anycalltaxi.core.testing;

import java.net.InetSocketAddress;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One in-memory MongoDB-wire server per test JVM (mongo-java-server), shared by every test: tests
 * isolate themselves with fresh ids, not fresh servers.
 */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static String uri;

    private EmbeddedMongo() {
    }

    public static synchronized String uri() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            uri = "mongodb://127.0.0.1:" + address.getPort() + "/anycalltaxi";
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return uri;
    }

    /** Points a Spring test context at the shared server ({@code MONGODB_URI}). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            // the embedded server has no geospatial queries: assign-taxi finds taxis by a box
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "MONGODB_URI=" + uri(),
                    "anycalltaxi.fleet.nearby-query=BOX");
        }
    }
}
