package io.anycalltaxi.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import de.bwaldvogel.mongo.bson.Document;
import io.anycalltaxi.local.infra.QueryShapes.Shape;

/** A command's shapes: the fields it selects and sorts by, never the values. */
class QueryShapesTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("a find, with $or inside and a sort",
                        new Document("find", "trip_views").append("filter", new Document("_id", "call-1")
                                .append("$or", List.of(new Document("time", new Document("$lt", 5)),
                                        new Document("time", new Document("$exists", false)))))
                                .append("sort", new Document("requestedAt", -1).append("_id", -1)),
                        List.of(new Shape("find", "trip_views", Set.of("_id", "time"), List.of("requestedAt", "_id")))),
                Arguments.of("each update of a batch",
                        new Document("update", "taxis").append("updates", List.of(
                                new Document("q", new Document("_id", "t1")).append("u", new Document("$set", new Document("x", 1))),
                                new Document("q", new Document("busyWith", "c1")).append("u", new Document()))),
                        List.of(new Shape("update", "taxis", Set.of("_id"), List.of()),
                                new Shape("update", "taxis", Set.of("busyWith"), List.of()))),
                Arguments.of("an aggregate's first $match (a count)",
                        new Document("aggregate", "trips").append("pipeline", List.of(
                                new Document("$match", new Document("memberId", "m1")), new Document("$group", new Document()))),
                        List.of(new Shape("aggregate", "trips", Set.of("memberId"), List.of()))),
                Arguments.of("a distinct over everything: its key is what it reads by",
                        new Document("distinct", "trip_events").append("key", "callId").append("query", new Document()),
                        List.of(new Shape("distinct", "trip_events", Set.of(), List.of("callId")))),
                Arguments.of("an insert selects nothing",
                        new Document("insert", "trips").append("documents", List.of(new Document("_id", "c1"))),
                        List.of()),
                Arguments.of("a command on no collection",
                        new Document("ping", 1), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void givenACommandItsShapesAre(String what, Document command, List<Shape> shapes) {
        assertThat(QueryShapes.shapes(command)).containsExactlyElementsOf(shapes);
    }
}
