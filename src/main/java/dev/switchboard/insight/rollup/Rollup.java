package dev.switchboard.insight.rollup;

import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.ledger.UsageRecord;
import java.util.List;
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

  /** Rollup rows being summed, in their write order. */
  public final class Sums {
    private final SortedMap<RollupKey, Measures> rows = new TreeMap<>();

    private Sums() {}

    /** Adds one ledger row to each of its rollup rows: its key's, and every key's. */
    public void add(UsageRecord row) {
      long hour = Math.floorDiv(row.at().toEpochMilli(), HOUR_MS) * HOUR_MS;
      long uwh = energy.microWattHours(row);
      for (Map.Entry<Dimension, String> name : names.of(row).entrySet()) {
        for (String keyId : List.of(row.keyId(), RollupKey.ALL_KEYS)) {
          RollupKey key = new RollupKey(name.getKey().wireName(), hour, keyId, name.getValue());
          rows.computeIfAbsent(key, k -> new Measures()).add(row, uwh);
        }
      }
    }

    public SortedMap<RollupKey, Measures> rows() {
      return rows;
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }
  }
}
