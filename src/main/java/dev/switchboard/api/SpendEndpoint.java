package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.money.Money;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * GET /api/v1/spend?group_by=data_class|key|model|provider|day&amp;from=&amp;to=: the caller's
 * requests, tokens and exact cost per group over {@code [from, to)} (ISO dates, read as UTC
 * midnight, or instants; all time by default; {@code group_by} defaults to {@code model}). A key
 * sees only its own rows. {@code cost} is the exact decimal of {@code cost_micros}.
 */
final class SpendEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  private static final SpendGroup DEFAULT_GROUP = SpendGroup.MODEL;

  private final Vertx vertx;
  private final LedgerReader ledger;

  SpendEndpoint(Vertx vertx, LedgerReader ledger) {
    this.vertx = vertx;
    this.ledger = ledger;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    return spend(
        key,
        Optional.ofNullable(ctx.request().getParam("group_by")),
        Optional.ofNullable(ctx.request().getParam("from")),
        Optional.ofNullable(ctx.request().getParam("to")));
  }

  Future<byte[]> spend(
      ApiKey key, Optional<String> groupBy, Optional<String> from, Optional<String> to) {
    SpendQuery query;
    try {
      query = query(groupBy, from, to).ofKey(key.id());
    } catch (GatewayError invalid) {
      return Future.failedFuture(invalid);
    }
    return vertx.executeBlocking(() -> body(query, ledger.spend(query)));
  }

  private static SpendQuery query(
      Optional<String> groupBy, Optional<String> from, Optional<String> to) {
    SpendGroup group;
    try {
      group = groupBy.filter(g -> !g.isBlank()).map(SpendGroup::of).orElse(DEFAULT_GROUP);
    } catch (IllegalArgumentException e) {
      throw invalid("group_by", String.valueOf(e.getMessage()));
    }
    Optional<Instant> start = instant("from", from);
    Optional<Instant> end = instant("to", to);
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      throw invalid(
          "to", "the range ends (" + end.get() + ") before it starts (" + start.get() + ")");
    }
    return SpendQuery.of(group).between(start, end);
  }

  /** An ISO date (UTC midnight) or an instant with a zone offset, such as 2026-12-05T10:00:00Z. */
  private static Optional<Instant> instant(String param, Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return Optional.empty();
    }
    String value = text.get().strip();
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException notADate) {
      try {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException notAnInstant) {
        throw invalid(
            param,
            "'"
                + GenerationEndpoint.clip(value)
                + "' is neither an ISO date (2026-12-05) nor an instant (2026-12-05T10:00:00Z)");
      }
    }
  }

  private static GatewayError invalid(String param, String problem) {
    return GatewayError.builder(ErrorKind.INVALID_REQUEST, param + ": " + problem)
        .param(param)
        .build();
  }

  private static byte[] body(SpendQuery query, List<SpendRow> rows) {
    String field = query.groupBy().wireName();
    ObjectNode root = Json.object().put("group_by", field);
    query.from().ifPresentOrElse(f -> root.put("from", f.toString()), () -> root.putNull("from"));
    query.to().ifPresentOrElse(t -> root.put("to", t.toString()), () -> root.putNull("to"));
    ArrayNode data = root.putArray("data");
    for (SpendRow row : rows) {
      ObjectNode item = data.addObject();
      row.group().ifPresentOrElse(g -> item.put(field, g), () -> item.putNull(field));
      item.put("requests", row.requests())
          .put("prompt_tokens", row.promptTokens())
          .put("completion_tokens", row.completionTokens())
          .put("total_tokens", row.totalTokens())
          .put("cost", Money.ofMicros(row.costMicros()).toUsd())
          .put("cost_micros", row.costMicros());
    }
    return Json.bytes(root);
  }
}
