package io.anycalltaxi.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server): in memory, or persisted to an
 * H2 file in the data folder. The H2 store commits on its own about once a second; with
 * {@code durableWrites} every write command is committed before it is acknowledged, so an
 * acknowledged write survives the process being killed.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private EmbeddedMongo(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    /** @param dataDir null for an in-memory server */
    public static EmbeddedMongo start(Path dataDir, boolean durableWrites, String host, int port) {
        MongoServer server;
        if (dataDir == null) {
            server = new MongoServer(new MemoryBackend());
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String file = dataDir.resolve("mongo.mv").toString();
            server = new MongoServer(durableWrites ? new CommitEveryWrite(file) : new H2Backend(file));
        }
        server.bind(host, port);
        int bound = server.getLocalAddress().getPort();
        return new EmbeddedMongo(server, "mongodb://" + host + ":" + bound + "/anycalltaxi");
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** Commits the H2 store after every write command, before the answer goes out. */
    private static final class CommitEveryWrite extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "createindexes", "dropindexes", "drop", "dropdatabase", "create");

        CommitEveryWrite(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document answer = super.handleCommand(channel, databaseName, command, query);
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
            return answer;
        }
    }
}
