package dev.switchboard.ledger.sql;

import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.RouterPick;
import dev.switchboard.ledger.UsageRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps {@link UsageRecord} to and from the {@code requests} table; the one list of its columns,
 * shared by both engines' writers and the reader.
 */
public final class UsageRows {
  public static final String COLUMNS =
      "id, at, key_id, requested_model, served_model, provider, prompt_tokens, completion_tokens,"
          + " cached_tokens, reasoning_tokens, estimated, cost_micros, latency_ms, ttft_ms, stream,"
          + " status, error_code, provider_model, cache_write_5m_tokens, cache_write_1h_tokens,"
          + " data_class, policy_rule, policy_action, finding_types, session_id, reservation_id, app,"
          + " category, router_version, router_score_bp, router_pick";
  public static final String INSERT =
      "INSERT INTO requests (" + COLUMNS + ") VALUES (" + "?, ".repeat(30) + "?)";

  /** Joins the finding types in {@code finding_types}; type names never contain it. */
  private static final String TYPE_SEPARATOR = ",";

  private UsageRows() {}

  public static void bind(PreparedStatement insert, UsageRecord r) throws SQLException {
    insert.setString(1, r.id());
    insert.setLong(2, r.at().toEpochMilli());
    insert.setString(3, r.keyId());
    insert.setString(4, r.requestedModel());
    insert.setString(5, r.servedModel().orElse(null));
    insert.setString(6, r.provider().orElse(null));
    insert.setLong(7, r.promptTokens());
    insert.setLong(8, r.completionTokens());
    insert.setLong(9, r.cachedTokens());
    insert.setLong(10, r.reasoningTokens());
    insert.setInt(11, r.estimated() ? 1 : 0);
    insert.setLong(12, r.costMicros());
    insert.setLong(13, r.latencyMs());
    if (r.ttftMs().isPresent()) {
      insert.setLong(14, r.ttftMs().getAsLong());
    } else {
      insert.setNull(14, Types.INTEGER);
    }
    insert.setInt(15, r.stream() ? 1 : 0);
    insert.setInt(16, r.status());
    insert.setString(17, r.errorCode().orElse(null));
    insert.setString(18, r.providerModel().orElse(null));
    insert.setLong(19, r.cacheWrite5mTokens());
    insert.setLong(20, r.cacheWrite1hTokens());
    DataHandling handling = r.handling();
    insert.setString(21, handling.dataClass());
    insert.setString(22, handling.rule());
    insert.setString(23, handling.action());
    insert.setString(24, String.join(TYPE_SEPARATOR, handling.findingTypes()));
    insert.setString(25, r.sessionId().orElse(null));
    insert.setString(26, r.reservationId().orElse(null));
    insert.setString(27, r.app().orElse(null));
    insert.setString(28, r.category().orElse(null));
    insert.setString(29, r.router().map(RouterPick::version).orElse(null));
    if (r.router().isPresent()) {
      insert.setInt(30, r.router().get().scoreBasisPoints());
    } else {
      insert.setNull(30, Types.INTEGER);
    }
    insert.setString(31, r.router().map(RouterPick::pick).orElse(null));
  }

  public static UsageRecord read(ResultSet row) throws SQLException {
    return new UsageRecord(
        row.getString("id"),
        Instant.ofEpochMilli(row.getLong("at")),
        row.getString("key_id"),
        row.getString("requested_model"),
        Optional.ofNullable(row.getString("served_model")),
        Optional.ofNullable(row.getString("provider")),
        row.getLong("prompt_tokens"),
        row.getLong("completion_tokens"),
        row.getLong("cached_tokens"),
        row.getLong("cache_write_5m_tokens"),
        row.getLong("cache_write_1h_tokens"),
        row.getLong("reasoning_tokens"),
        row.getInt("estimated") != 0,
        row.getLong("cost_micros"),
        row.getLong("latency_ms"),
        optionalLong(row, "ttft_ms"),
        row.getInt("stream") != 0,
        row.getInt("status"),
        Optional.ofNullable(row.getString("error_code")),
        Optional.ofNullable(row.getString("provider_model")),
        handling(row),
        Optional.ofNullable(row.getString("session_id")),
        Optional.ofNullable(row.getString("reservation_id")),
        Optional.ofNullable(row.getString("app")),
        Optional.ofNullable(row.getString("category")),
        routerPick(row));
  }

  private static Optional<RouterPick> routerPick(ResultSet row) throws SQLException {
    String version = row.getString("router_version");
    return version == null
        ? Optional.empty()
        : Optional.of(
            new RouterPick(version, row.getInt("router_score_bp"), row.getString("router_pick")));
  }

  private static DataHandling handling(ResultSet row) throws SQLException {
    String types = row.getString("finding_types");
    return new DataHandling(
        row.getString("data_class"),
        row.getString("policy_rule"),
        row.getString("policy_action"),
        types.isEmpty() ? List.of() : List.of(types.split(TYPE_SEPARATOR, -1)));
  }

  private static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
