package dev.switchboard.gateway;

/**
 * Where a request may go: the sourcing policy classes it, then the planner routes it within what
 * its class allows ({@code routing} asks the auto router first for {@code switchboard/auto}).
 */
public record Sourcing(PolicyGate policy, AutoRouting routing) {}
