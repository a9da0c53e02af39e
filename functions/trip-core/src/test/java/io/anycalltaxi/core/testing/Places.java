package io.anycalltaxi.core.testing;

import java.util.concurrent.atomic.AtomicInteger;

import io.anycalltaxi.core.events.Place;

/**
 * Places for tests that never share a neighbourhood: each call gives the centre of a new cell of a
 * grid whose cells are about 20 km apart, farther than dispatch ever looks (10 km at most). A test
 * isolates its taxis and calls by place as it does by id.
 */
public final class Places {

    private static final double CELL_DEGREES = 0.2;
    private static final int CELLS_PER_ROW = 50;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Places() {
    }

    public static Place fresh() {
        int cell = NEXT.getAndIncrement();
        return new Place(30.0 + (cell / CELLS_PER_ROW) * CELL_DEGREES, 120.0 + (cell % CELLS_PER_ROW) * CELL_DEGREES,
                "cell " + cell);
    }

    public static Place north(Place from, double meters) {
        return new Place(from.lat() + meters / 111_320, from.lng(), meters + " m north of " + from.address());
    }
}
