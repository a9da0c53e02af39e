package io.anycalltaxi.local.infra;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The embedded server's query log, by shape: which collection each read, update or delete
 * selected from, on which fields, in which order; never the values. Real MongoDB tells an operator
 * the same with its profiler; here it lets a test hold every query a function makes against the
 * indexes the functions declare. One entry per shape (when it was last served), so it stays as
 * small as the code's queries.
 */
public final class QueryShapes implements MongoBackend {

    /**
     * One query: {@code fields} are those its filter names (inside {@code $and} and {@code $or}
     * too), {@code sort} those it orders by; a distinct's key counts as its sort.
     */
    public record Shape(String command, String collection, Set<String> fields, List<String> sort) {

        @Override
        public String toString() {
            return collection + " " + command + " " + fields + (sort.isEmpty() ? "" : " sorted by " + sort);
        }
    }

    private final MongoBackend backend;
    private final Map<Shape, Instant> lastServed = new ConcurrentHashMap<>();

    public QueryShapes(MongoBackend backend) {
        this.backend = backend;
    }

    /** The shapes served since then. */
    public Set<Shape> servedSince(Instant since) {
        return lastServed.entrySet().stream().filter(served -> !served.getValue().isBefore(since))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Instant now = Instant.now();
        shapes(message.getDocument()).forEach(shape -> lastServed.put(shape, now));
        return backend.handleMessage(message);
    }

    /** The shapes a command selects by: a find, a count, a distinct, an aggregate's first $match, each update and delete. */
    static Stream<Shape> shapes(Document command) {
        String name = command.keySet().iterator().next();
        if (!(command.get(name) instanceof String collection)) {
            return Stream.empty();
        }
        return switch (name) {
            case "find" -> Stream.of(shape(name, collection, command.get("filter"), command.get("sort")));
            case "count" -> Stream.of(shape(name, collection, command.get("query"), null));
            case "findAndModify", "findandmodify" -> Stream.of(shape(name, collection, command.get("query"), command.get("sort")));
            case "distinct" -> Stream.of(new Shape(name, collection, fields(command.get("query")),
                    List.of(String.valueOf(command.get("key")))));
            case "update" -> each(command.get("updates")).map(update -> shape(name, collection, update.get("q"), null));
            case "delete" -> each(command.get("deletes")).map(delete -> shape(name, collection, delete.get("q"), null));
            case "aggregate" -> each(command.get("pipeline")).limit(1).filter(stage -> stage.containsKey("$match"))
                    .map(match -> shape(name, collection, match.get("$match"), null));
            default -> Stream.empty();
        };
    }

    private static Shape shape(String command, String collection, Object filter, Object sort) {
        return new Shape(command, collection, fields(filter), sort instanceof Document order
                ? List.copyOf(order.keySet()) : List.of());
    }

    private static Set<String> fields(Object filter) {
        Set<String> fields = new TreeSet<>();
        if (filter instanceof Document document) {
            document.forEach((key, value) -> {
                if (key.equals("$and") || key.equals("$or")) {
                    each(value).forEach(branch -> fields.addAll(fields(branch)));
                } else if (!key.startsWith("$")) {
                    fields.add(key);
                }
            });
        }
        return fields;
    }

    private static Stream<Document> each(Object documents) {
        return documents instanceof Collection<?> list
                ? list.stream().filter(Document.class::isInstance).map(Document.class::cast)
                : Stream.empty();
    }

    // What follows is the backend's, unchanged.

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return backend.handleCommand(channel, database, command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return backend.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
