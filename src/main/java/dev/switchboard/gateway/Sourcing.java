package dev.switchboard.gateway;

import dev.switchboard.routing.RoutePlanner;

/**
 * Where a request may go: the sourcing policy classes it, then the planner routes it within what
 * its class allows.
 */
public record Sourcing(PolicyGate policy, RoutePlanner planner) {}
