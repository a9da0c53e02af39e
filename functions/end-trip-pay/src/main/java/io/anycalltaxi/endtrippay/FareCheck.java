package io.anycalltaxi.endtrippay;

/**
 * Whose figures a ride is charged by. The server measures the ride itself: its duration is the
 * time between the system receiving boarding and alighting, its distance the taxi's reported track
 * in between (or, without a track, the road distance from pickup to drop-off). The driver's meter
 * is taken when both its figures are within the band of the server's: off by at most
 * {@code tolerance} of the server's figure, or the slack, whichever is more. Otherwise the
 * server's figures are charged and the trip is flagged for operators.
 */
final class FareCheck {

    /** The band's width; see the class. */
    record Band(double tolerance, long distanceSlackMeters, long durationSlackSeconds) {
    }

    record Measure(long distanceMeters, long durationSeconds) {
    }

    /** @param outsideBand why the meter was not taken, or null when it was */
    record Checked(Measure charged, String source, String outsideBand) {
    }

    private FareCheck() {
    }

    static Checked check(Measure meter, Measure server, Band band) {
        boolean distanceOk = within(meter.distanceMeters(), server.distanceMeters(), band.tolerance(),
                band.distanceSlackMeters());
        boolean durationOk = within(meter.durationSeconds(), server.durationSeconds(), band.tolerance(),
                band.durationSlackSeconds());
        if (distanceOk && durationOk) {
            return new Checked(meter, "METER", null);
        }
        return new Checked(server, "SERVER", "meter " + meter.distanceMeters() + " m / " + meter.durationSeconds()
                + " s, server " + server.distanceMeters() + " m / " + server.durationSeconds() + " s");
    }

    private static boolean within(long reported, long measured, double tolerance, long slack) {
        return Math.abs(reported - measured) <= Math.max(slack, Math.round(measured * tolerance));
    }
}
