package dev.switchboard.insight.sql;

import dev.switchboard.insight.rollup.LatencyBuckets;
import dev.switchboard.insight.rollup.Measures;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RollupKey;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.BatchHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Adds each ledger batch to the hourly rollups inside the writer's transaction (either engine): the
 * batch is summed per rollup row first, then one upsert per rollup row adds the sums to the stored
 * ones, in a fixed order so two nodes' writers never deadlock on them.
 */
public final class RollupHook implements BatchHook {
  private static final List<String> MEASURES = measureColumns();
  static final String UPSERT = upsert();

  private final Rollup rollup;

  public RollupHook(Rollup rollup) {
    this.rollup = rollup;
  }

  @Override
  public void written(Connection c, List<UsageRecord> rows) throws SQLException {
    Rollup.Sums sums = rollup.sums();
    rows.forEach(sums::add);
    write(c, sums);
  }

  /** Adds {@code sums} to the stored rollups, on {@code c}'s transaction. */
  static void write(Connection c, Rollup.Sums sums) throws SQLException {
    if (sums.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
      for (Map.Entry<RollupKey, Measures> row : sums.rows().entrySet()) {
        RollupKey key = row.getKey();
        upsert.setString(1, key.dimension());
        upsert.setLong(2, key.hourStart());
        upsert.setString(3, key.keyId());
        upsert.setString(4, key.name());
        long[] values = row.getValue().columns();
        for (int i = 0; i < values.length; i++) {
          upsert.setLong(5 + i, values[i]);
        }
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static List<String> measureColumns() {
    List<String> columns =
        new java.util.ArrayList<>(
            List.of(
                "requests",
                "errors",
                "prompt_tokens",
                "completion_tokens",
                "cached_tokens",
                "cache_write_5m_tokens",
                "cache_write_1h_tokens",
                "reasoning_tokens",
                "cost_micros",
                "latency_ms_sum",
                "energy_uwh"));
    for (int i = 0; i < LatencyBuckets.COUNT; i++) {
      columns.add("latency_b" + i);
    }
    return List.copyOf(columns);
  }

  // Both engines accept ON CONFLICT ... DO UPDATE with excluded and the table-qualified old value.
  private static String upsert() {
    StringJoiner names = new StringJoiner(", ", "(dimension, hour_start, key_id, name, ", ")");
    StringJoiner marks = new StringJoiner(", ", "(?, ?, ?, ?, ", ")");
    StringJoiner sets = new StringJoiner(", ");
    for (String column : MEASURES) {
      names.add(column);
      marks.add("?");
      sets.add(column + " = usage_hourly." + column + " + excluded." + column);
    }
    return "INSERT INTO usage_hourly "
        + names
        + " VALUES "
        + marks
        + " ON CONFLICT (dimension, key_id, hour_start, name) DO UPDATE SET "
        + sets;
  }
}
