/**
 * Live health per deployment, from the attempt events: latency, throughput, error rate and uptime
 * over the last 5 minutes and hour in bounded memory, and ejection of a deployment that keeps
 * failing until a probe finds it back. Depends on attempt.
 */
@NullMarked
package dev.switchboard.health;

import org.jspecify.annotations.NullMarked;
