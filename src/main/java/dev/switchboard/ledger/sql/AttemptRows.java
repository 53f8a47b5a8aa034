package dev.switchboard.ledger.sql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.UsageRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps {@link Attempt} to and from the {@code attempts} table; the one list of its columns, shared
 * by both engines' writers and the reader.
 */
public final class AttemptRows {
  public static final String COLUMNS =
      "generation_id, number, provider, model, outcome, status, error_code, started_at,"
          + " latency_ms, first_token_ms, bytes, output_tokens";
  public static final String INSERT =
      "INSERT INTO attempts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  public static final String OF_GENERATION =
      "SELECT " + COLUMNS + " FROM attempts WHERE generation_id = ? ORDER BY number";

  /** Attempt.status when no response came; stored as NULL. */
  private static final int NO_RESPONSE = 0;

  private AttemptRows() {}

  /**
   * Refuses attempts that are not the row's, in order, with values the table can hold: checked
   * before queueing, so that a caller's mistake fails its own append at once instead of a
   * constraint failing it at commit.
   */
  public static void check(UsageRecord row, List<Attempt> attempts) {
    int previous = 0;
    for (Attempt a : attempts) {
      String problem = problem(row, a, previous);
      if (!problem.isEmpty()) {
        throw new IllegalArgumentException(
            "attempt " + a.number() + " of " + row.id() + ": " + problem);
      }
      previous = a.number();
    }
  }

  private static String problem(UsageRecord row, Attempt a, int previous) {
    if (!a.generationId().equals(row.id())) {
      return "belongs to another generation";
    }
    if (a.number() <= previous) {
      return "numbers must increase from 1";
    }
    if (a.status() != NO_RESPONSE && (a.status() < 100 || a.status() > 999)) {
      return "status " + a.status() + " is not an HTTP status";
    }
    boolean negative =
        a.latencyMs() < 0
            || a.bytes() < 0
            || a.outputTokens() < 0
            || a.firstTokenMs().orElse(0) < 0;
    return negative ? "latency, first token, bytes and tokens cannot be negative" : "";
  }

  public static void bind(PreparedStatement insert, Attempt a) throws SQLException {
    insert.setString(1, a.generationId());
    insert.setInt(2, a.number());
    insert.setString(3, a.providerId());
    insert.setString(4, a.modelId());
    insert.setString(5, a.outcome().name().toLowerCase(Locale.ROOT));
    if (a.status() == NO_RESPONSE) {
      insert.setNull(6, Types.INTEGER);
    } else {
      insert.setInt(6, a.status());
    }
    insert.setString(7, a.errorCode().orElse(null));
    insert.setLong(8, a.startedAt().toEpochMilli());
    insert.setLong(9, a.latencyMs());
    if (a.firstTokenMs().isPresent()) {
      insert.setLong(10, a.firstTokenMs().getAsLong());
    } else {
      insert.setNull(10, Types.INTEGER);
    }
    insert.setLong(11, a.bytes());
    insert.setLong(12, a.outputTokens());
  }

  public static Attempt read(ResultSet row) throws SQLException {
    long firstToken = row.getLong("first_token_ms");
    OptionalLong firstTokenMs = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(firstToken);
    return new Attempt(
        row.getString("generation_id"),
        row.getInt("number"),
        row.getString("provider"),
        row.getString("model"),
        Attempt.Outcome.valueOf(row.getString("outcome").toUpperCase(Locale.ROOT)),
        row.getInt("status"), // NULL reads as 0: no response
        Optional.ofNullable(row.getString("error_code")),
        Instant.ofEpochMilli(row.getLong("started_at")),
        row.getLong("latency_ms"),
        firstTokenMs,
        row.getLong("bytes"),
        row.getLong("output_tokens"));
  }
}
