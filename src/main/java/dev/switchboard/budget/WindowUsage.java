package dev.switchboard.budget;

/** A window's settled spend and the amount currently held by open reservations, micro-dollars. */
public record WindowUsage(long spentMicros, long reservedMicros) {}
