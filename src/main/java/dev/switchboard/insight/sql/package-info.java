/**
 * The rollup store: the {@code usage_hourly} table both engines keep, raised in the ledger writer's
 * transaction ({@link dev.switchboard.insight.sql.RollupHook}), filled once for the rows written
 * before it existed ({@link dev.switchboard.insight.sql.Backfill}), and read by {@link
 * dev.switchboard.insight.sql.RollupInsight}. The only insight package with JDBC.
 */
@NullMarked
package dev.switchboard.insight.sql;

import org.jspecify.annotations.NullMarked;
