package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.insight.Scope;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the reporting endpoints (spend, rankings, savings, energy, activity) read from a request:
 * whose rows (a key its own, an admin key every key's), the {@code from}/{@code to} range, and
 * named choices; a bad value is a 400 naming the parameter.
 */
final class InsightRequests {
  private InsightRequests() {}

  /** A key sees its own requests; an admin key sees every key's. */
  static Scope scope(ApiKey key) {
    return key.admin() ? Scope.ALL : Scope.key(key.id());
  }

  static Optional<String> param(RoutingContext ctx, String name) {
    return Optional.ofNullable(ctx.request().getParam(name)).filter(v -> !v.isBlank());
  }

  /** A named choice, {@code fallback} when absent; {@code parse} throws on an unknown name. */
  static <T> T choice(RoutingContext ctx, String name, Function<String, T> parse, T fallback) {
    Optional<String> value = param(ctx, name);
    try {
      return value.map(parse).orElse(fallback);
    } catch (IllegalArgumentException e) {
      throw invalid(name, String.valueOf(e.getMessage()));
    }
  }

  /** {@code from} and {@code to}, checked to be in order. */
  static Range range(RoutingContext ctx) {
    Optional<Instant> start = instant("from", param(ctx, "from"));
    Optional<Instant> end = instant("to", param(ctx, "to"));
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      throw invalid(
          "to", "the range ends (" + end.get() + ") before it starts (" + start.get() + ")");
    }
    return new Range(start, end);
  }

  /**
   * Answers a report over the caller's rows in the request's range: {@code report} runs on a worker
   * thread (it queries the database); a bad range fails at once as a 400.
   */
  static Future<byte[]> report(
      Vertx vertx, RoutingContext ctx, ApiKey key, BiFunction<Scope, Range, byte[]> report) {
    Range range;
    try {
      range = range(ctx);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    Scope scope = scope(key);
    return vertx.executeBlocking(() -> report.apply(scope, range), false);
  }

  /** A half-open range {@code [from, to)}, either end open when empty. */
  record Range(Optional<Instant> from, Optional<Instant> to) {}

  /** An ISO date (UTC midnight) or an instant with a zone offset, such as 2026-12-05T10:00:00Z. */
  static Optional<Instant> instant(String param, Optional<String> text) {
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

  static GatewayError invalid(String param, String problem) {
    return GatewayError.builder(ErrorKind.INVALID_REQUEST, param + ": " + problem)
        .param(param)
        .build();
  }
}
