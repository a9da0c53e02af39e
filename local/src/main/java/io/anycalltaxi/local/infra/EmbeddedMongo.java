package io.anycalltaxi.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server): in memory, or persisted to an
 * H2 MVStore file in the data folder. A write touches several of the store's maps (the documents,
 * then each index); H2's own background commit, or a commit after another client's write, could
 * persist one half-applied, and a crash then leave an index out of step with its documents. Here
 * the store commits only between whole writes ({@link CommitWholeWrites}). With
 * {@code durableWrites} every write command is committed before it is acknowledged (concurrent
 * ones share a commit), so an acknowledged write survives the process being killed; otherwise the
 * store commits once a second. The file is left to the operating system to flush, as Kafka's log
 * is: a power cut can lose what was acknowledged last.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final MongoServer server;
    private final QueryShapes queries;
    private final String uri;

    private EmbeddedMongo(MongoServer server, QueryShapes queries, String uri) {
        this.server = server;
        this.queries = queries;
        this.uri = uri;
    }

    /** @param dataDir null for an in-memory server */
    public static EmbeddedMongo start(Path dataDir, boolean durableWrites, String host, int port) {
        MongoBackend backend;
        if (dataDir == null) {
            backend = new MemoryBackend();
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MVStore store = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString())
                    .autoCommitDisabled().open();
            backend = new CommitWholeWrites(store, durableWrites);
        }
        QueryShapes queries = new QueryShapes(backend);
        MongoServer server = new MongoServer(queries);
        server.bind(host, port);
        int bound = server.getLocalAddress().getPort();
        return new EmbeddedMongo(server, queries, "mongodb://" + host + ":" + bound + "/anycalltaxi");
    }

    public String uri() {
        return uri;
    }

    public QueryShapes queries() {
        return queries;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /**
     * Commits the H2 store only while no write is half applied: writes share a lock that a commit
     * takes exclusively. A write already covered by a commit that began after it finished is not
     * committed again.
     */
    private static final class CommitWholeWrites extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "createindexes", "dropindexes", "drop", "dropdatabase", "create");

        private final ReentrantReadWriteLock writing = new ReentrantReadWriteLock();
        private final AtomicLong written = new AtomicLong();
        private final boolean everyWrite;
        private final ScheduledExecutorService timer;
        private long committed;

        CommitWholeWrites(MVStore store, boolean everyWrite) {
            super(store);
            this.everyWrite = everyWrite;
            this.timer = everyWrite ? null : Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("embedded-mongo-commit").daemon().factory());
            if (timer != null) {
                timer.scheduleWithFixedDelay(() -> commitUpTo(written.get()), COMMIT_INTERVAL.toMillis(),
                        COMMIT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            Document answer;
            long mine;
            writing.readLock().lock();
            try {
                answer = super.handleCommand(channel, databaseName, command, query);
                mine = written.incrementAndGet();
            } finally {
                writing.readLock().unlock();
            }
            if (everyWrite) {
                commitUpTo(mine);
            }
            return answer;
        }

        private void commitUpTo(long write) {
            writing.writeLock().lock();
            try {
                if (committed < write) {
                    long upTo = written.get();
                    commit();
                    committed = upTo;
                }
            } finally {
                writing.writeLock().unlock();
            }
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
            writing.writeLock().lock();
            try {
                super.close();
            } finally {
                writing.writeLock().unlock();
            }
        }
    }
}
