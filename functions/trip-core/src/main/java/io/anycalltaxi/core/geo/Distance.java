package io.anycalltaxi.core.geo;

import io.anycalltaxi.core.events.Place;

/** Great-circle distances on the earth's surface (haversine). */
public final class Distance {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Distance() {
    }

    public static double meters(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public static double meters(Place from, Place to) {
        return meters(from.lat(), from.lng(), to.lat(), to.lng());
    }
}
