package io.anycalltaxi.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.anycalltaxi.core.events.Place;

/**
 * Table 3: whole trips a second, call to payment, with drivers simulated by their apps' requests,
 * while more taxis, elsewhere, report their positions every second throughout.
 */
final class WholeTrips {

    private static final int REPORTING_TAXIS = 50;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private WholeTrips() {
    }

    static Table run(Stage stage, int drivers, Duration duration) throws InterruptedException {
        List<SimulatedDriver> fleet = IntStream.range(0, drivers).mapToObj(i -> new SimulatedDriver(stage, new Place(35.0 + 0.2 * i, 128.0, "bench taxi stand " + i))).toList();
        // on Jeju, far from every stand and from where the other tables call: never offered a call
        List<SimulatedDriver> elsewhere = IntStream.range(0, REPORTING_TAXIS).mapToObj(i -> new SimulatedDriver(stage,
                new Place(33.25 + 0.005 * i, 126.55, "bench reporting taxi " + i))).toList();
        standBy(fleet);
        standBy(elsewhere);
        BlockingQueue<SimulatedDriver> free = new LinkedBlockingQueue<>(fleet);
        IntSupplier trip = () -> {
            SimulatedDriver driver = free.remove();
            try {
                return driver.trip();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcomes.NO_ANSWER;
            } finally {
                free.add(driver);
            }
        };
        try (Reporting reporting = new Reporting(Stream.concat(fleet.stream(), elsewhere.stream()).toList())) {
            Duration warmedIn = Load.warmUp(drivers, duration.dividedBy(3), duration.multipliedBy(3), trip);
            Outcomes reports = reporting.fromNow();
            long measuredFrom = System.nanoTime();
            Outcomes trips = Load.closedLoop(drivers, Duration.ZERO, duration, trip);
            // the loop waits for the trips in flight at its end: the reports went on meanwhile
            reports.measuredOver(Duration.ofNanos(System.nanoTime() - measuredFrom));
            return new Table("3. Whole trips through the full lifecycle, simulated drivers, " + REPORTING_TAXIS
                    + " more taxis reporting their positions", "drivers", "warm-up s", "trips completed", "trips/s",
                    "trip p50 ms", "trip p99 ms", "not completed", "positions reported/s (202)", "report p99 ms")
                    .row(drivers, warmedIn.toSeconds(), trips.count(200), Table.rate(trips.perSecond(s -> s == 200)),
                            Table.ms(trips.percentileMillis(s -> s == 200, 50)), Table.ms(trips.percentileMillis(s -> s == 200, 99)),
                            trips.count(s -> s != 200), Table.rate(reports.perSecond(s -> s == 202)),
                            Table.ms(reports.percentileMillis(Outcomes.ANY, 99)))
                    .note("Each driver has a stand of its own and a new rider each trip: the rider calls, the driver "
                            + "polls its offers, accepts, boards the rider and ends the trip, and the rider follows the "
                            + "view's Server-Sent Events, as the web app does, until the trip is COMPLETED (paid). "
                            + "Drivers act as soon as they see the change, so a trip's time is the system's alone. "
                            + "Throughout, " + REPORTING_TAXIS + " onboarded taxis far from every stand each report "
                            + "where they are every " + REPORT_EVERY.toSeconds() + " s, through the gateway, and so do "
                            + "the drivers while they wait for a call (the reports counted are both). A warm-up "
                            + "in rounds of " + duration.dividedBy(3).toSeconds() + " s until the JIT is all but done, "
                            + "then " + duration.toSeconds() + " s measured.");
        }
    }

    /** Each taxi on duty at home, once dispatch knows it. */
    private static void standBy(List<SimulatedDriver> taxis) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(taxis.size(), 16));
        try {
            for (Future<Void> standing : pool.invokeAll(taxis.stream().map(taxi -> (Callable<Void>) () -> {
                taxi.standBy();
                return null;
            }).toList())) {
                standing.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulated driver could not stand by", e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The taxis' reports, each on its own beat, spread over the second, until closed. */
    private static final class Reporting implements AutoCloseable {

        private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        private volatile Outcomes outcomes = new Outcomes();

        Reporting(List<SimulatedDriver> taxis) {
            long spacing = REPORT_EVERY.toNanos() / taxis.size();
            for (int i = 0; i < taxis.size(); i++) {
                SimulatedDriver taxi = taxis.get(i);
                beats.scheduleAtFixedRate(() -> Thread.ofVirtual().start(() -> {
                    Outcomes into = outcomes;
                    long started = System.nanoTime();
                    int status = taxi.reportPosition();
                    if (status != SimulatedDriver.ON_A_TRIP) {
                        into.record(status, System.nanoTime() - started);
                    }
                }), i * spacing, REPORT_EVERY.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        /** The reports from now on. */
        Outcomes fromNow() {
            outcomes = new Outcomes();
            return outcomes;
        }

        @Override
        public void close() {
            beats.shutdownNow();
        }
    }
}
