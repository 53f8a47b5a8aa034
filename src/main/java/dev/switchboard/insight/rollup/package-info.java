/**
 * What one batch of ledger rows adds to the hourly rollups: each row's name in every {@link
 * dev.switchboard.insight.Dimension} ({@link dev.switchboard.insight.rollup.RowNames}), its
 * measures summed per (dimension, hour, key, name) ({@link dev.switchboard.insight.rollup.Rollup}),
 * latency kept as mergeable buckets ({@link dev.switchboard.insight.rollup.LatencyBuckets}). Pure
 * computation; the store is {@code insight.sql}.
 */
@NullMarked
package dev.switchboard.insight.rollup;

import org.jspecify.annotations.NullMarked;
