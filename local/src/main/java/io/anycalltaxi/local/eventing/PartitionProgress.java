package io.anycalltaxi.local.eventing;

import java.util.TreeSet;

/**
 * How far a Trigger has got on one partition, with deliveries finishing in any order: the offset it
 * may commit is the first one still unfinished, so a crash redelivers what was in flight and never
 * skips it. Records the filter passes over count as finished at once. Thread-safe: deliveries
 * finish on their own threads while the consumer reads the committable offset.
 */
final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next;

    /** @param start the offset the partition is read from (its committed offset, or its durable starting point) */
    PartitionProgress(long start) {
        this.next = start;
    }

    /** A record is being delivered. */
    synchronized void taken(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** A record the Trigger does not deliver (filtered out, unreadable). */
    synchronized void passed(long offset) {
        next = Math.max(next, offset + 1);
    }

    /** A record's delivery is over: delivered, refused for good, or dead-lettered. */
    synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit: everything before it is finished. */
    synchronized long committable() {
        return unfinished.isEmpty() ? next : unfinished.first();
    }

    /** The offset read next: everything before it was taken or passed over. */
    synchronized long next() {
        return next;
    }

    synchronized int inFlight() {
        return unfinished.size();
    }
}
