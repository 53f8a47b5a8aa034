package dev.switchboard.insight.rollup;

import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.ledger.UsageRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sums ledger rows into rollup rows: each row adds to one rollup row per dimension, of its hour and
 * key. The sums of a batch are then added to the stored ones.
 */
public final class Rollup {
  private static final long HOUR_MS = 3_600_000L;

  private final RowNames names;
  private final EnergyModel energy;

  public Rollup(RowNames names, EnergyModel energy) {
    this.names = names;
    this.energy = energy;
  }

  /** A new, empty accumulation. */
  public Sums sums() {
    return new Sums();
  }

  /** Rollup rows being summed. */
  public final class Sums {
    // Hashed while rows are added (a tree cost the writer thread a few microseconds per row);
    // sorted once, when written.
    private final Map<RollupKey, Measures> rows = new HashMap<>();

    private Sums() {}

    /** Adds one ledger row to each of its rollup rows: its key's, and every key's. */
    public void add(UsageRecord row) {
      long hour = Math.floorDiv(row.at().toEpochMilli(), HOUR_MS) * HOUR_MS;
      long uwh = energy.microWattHours(row);
      for (Map.Entry<Dimension, String> name : names.of(row).entrySet()) {
        String dimension = name.getKey().wireName();
        add(new RollupKey(dimension, hour, row.keyId(), name.getValue()), row, uwh);
        add(new RollupKey(dimension, hour, RollupKey.ALL_KEYS, name.getValue()), row, uwh);
      }
    }

    private void add(RollupKey key, UsageRecord row, long uwh) {
      rows.computeIfAbsent(key, k -> new Measures()).add(row, uwh);
    }

    /** The rollup rows in their write order. */
    public SortedMap<RollupKey, Measures> rows() {
      return new TreeMap<>(rows);
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }
  }
}
