package io.anycalltaxi.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.anycalltaxi.core.events.Place;

/** Table 3: whole trips a second, call to payment, with drivers simulated by their apps' requests. */
final class WholeTrips {

    private WholeTrips() {
    }

    static Table run(Stage stage, int drivers, Duration duration) throws InterruptedException {
        List<SimulatedDriver> fleet = IntStream.range(0, drivers).mapToObj(i -> new SimulatedDriver(stage, new Place(35.0 + 0.2 * i, 128.0, "bench taxi stand " + i))).toList();
        warmUp(fleet);
        ConcurrentLinkedQueue<SimulatedDriver> unclaimed = new ConcurrentLinkedQueue<>(fleet);
        ThreadLocal<SimulatedDriver> mine = ThreadLocal.withInitial(unclaimed::poll);
        Outcomes trips = Load.closedLoop(drivers, Duration.ZERO, duration, () -> mine.get().trip());
        return new Table("3. Whole trips through the full lifecycle, simulated drivers",
                "drivers", "trips completed", "trips/s", "trip p50 ms", "trip p99 ms", "not completed")
                .row(drivers, trips.count(200), Table.rate(trips.perSecond(s -> s == 200)),
                        Table.ms(trips.percentileMillis(s -> s == 200, 50)), Table.ms(trips.percentileMillis(s -> s == 200, 99)),
                        trips.count(s -> s != 200))
                .note("Each driver has a stand of its own and a new rider each trip: the rider calls, the driver "
                        + "polls its offers, accepts, boards the rider and ends the trip, and the rider watches the "
                        + "view until the trip is COMPLETED (paid). Drivers act as soon as they see the change, so "
                        + "a trip's time is the system's alone. " + duration.toSeconds() + " s measured after one "
                        + "warm-up trip each.");
    }

    private static void warmUp(List<SimulatedDriver> fleet) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(fleet.size());
        try {
            for (Future<Integer> trip : pool.invokeAll(fleet.stream().map(driver -> (Callable<Integer>) () -> {
                driver.standBy();
                return driver.trip();
            }).toList())) {
                trip.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulated driver could not stand by", e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
