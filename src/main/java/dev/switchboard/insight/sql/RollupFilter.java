package dev.switchboard.insight.sql;

import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Scope;
import dev.switchboard.insight.rollup.RollupKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WHERE clause of a rollup query: one dimension, one key (every key's rows, {@link
 * RollupKey#ALL_KEYS}, for the whole scope) and an hour range (a bound inside an hour counts that
 * hour: rows are whole hours): a contiguous range of the table's primary key. Values are bound,
 * never spliced.
 */
final class RollupFilter {
  private final StringBuilder sql = new StringBuilder(" FROM usage_hourly WHERE dimension = ?");
  private final List<Object> args = new ArrayList<>();

  private RollupFilter(Dimension dimension) {
    args.add(dimension.wireName());
  }

  static RollupFilter of(
      Dimension dimension, Scope scope, Optional<Instant> from, Optional<Instant> to) {
    RollupFilter filter = new RollupFilter(dimension);
    filter.and(" AND key_id = ?", scope.keyId().orElse(RollupKey.ALL_KEYS));
    from.ifPresent(f -> filter.and(" AND hour_start >= ?", Hours.floor(f)));
    to.ifPresent(t -> filter.and(" AND hour_start < ?", Hours.ceil(t)));
    return filter;
  }

  private void and(String condition, Object value) {
    sql.append(condition);
    args.add(value);
  }

  /** {@code FROM ... WHERE ...}, to follow the select list. */
  String clause() {
    return sql.toString();
  }

  /** Binds the filter's values from parameter {@code first} on; returns the next free index. */
  int bind(PreparedStatement statement, int first) throws SQLException {
    int index = first;
    for (Object arg : args) {
      statement.setObject(index++, arg);
    }
    return index;
  }
}
