package io.anycalltaxi.core.events;

/** The PingSource's periodic tick; it carries no data of ours. */
public record DispatchTick() {
}
