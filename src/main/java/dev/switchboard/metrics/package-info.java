/**
 * Prometheus metrics (Micrometer): upstream attempts from the attempt events, and the JVM's own.
 * Depends on attempt.
 */
@NullMarked
package dev.switchboard.metrics;

import org.jspecify.annotations.NullMarked;
