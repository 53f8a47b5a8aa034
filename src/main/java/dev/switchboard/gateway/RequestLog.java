package dev.switchboard.gateway;

import dev.switchboard.config.Logging;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UntrustedText;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one place requests are logged: one line per finished request (method, route, status, model,
 * provider, tokens, cost, latency, generation id), and the failures with their client-safe message.
 * Never a secret: keys appear by id only, prompt and answer text not at all, and text from outside
 * goes through {@link UntrustedText}.
 */
final class RequestLog {
  private static final String NAME = "switchboard.requests";
  private static final System.Logger LOG = System.getLogger(NAME);
  // java.util.logging directly for the request line: its fields travel as the record's parameter,
  // for LogLine to write as text or JSON. System.Logger's default backend is this same logger.
  private static final Logger LINES = Logger.getLogger(NAME);

  private RequestLog() {}

  /**
   * Writes this logger's lines to stderr, one per record, in {@code format}, from a thread of their
   * own (see {@link ConsoleLines}). Idempotent.
   */
  static synchronized void use(Logging.Format format) {
    for (Handler handler : LINES.getHandlers()) {
      if (handler.getFormatter() instanceof LogLine line) {
        if (line.format() != format) {
          handler.setFormatter(new LogLine(format));
        }
        return;
      }
    }
    ConsoleLines handler = new ConsoleLines();
    handler.setFormatter(new LogLine(format));
    LINES.addHandler(handler);
    LINES.setUseParentHandlers(false);
  }

  /** The request's one line, once its ledger row is written ({@code route}: its ingress path). */
  static void finished(String route, UsageRecord row) {
    if (!LINES.isLoggable(java.util.logging.Level.INFO)) {
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>(20);
    fields.put("method", "POST");
    fields.put("route", route);
    fields.put("status", row.status());
    fields.put("model", row.servedModel().orElse(row.requestedModel()));
    fields.put("provider", row.provider().orElse("-"));
    fields.put("prompt_tokens", row.promptTokens());
    fields.put("completion_tokens", row.completionTokens());
    fields.put("estimated", row.estimated());
    fields.put("cost", Money.ofMicros(row.costMicros()).toUsd().toPlainString());
    fields.put("latency_ms", row.latencyMs());
    // The policy's class and action (never what was found): an operator sees a block or redaction.
    fields.put("data_class", row.handling().dataClass());
    fields.put("policy_action", row.handling().action());
    fields.put("generation_id", row.id());
    LogRecord record = new LogRecord(java.util.logging.Level.INFO, "request");
    record.setLoggerName(NAME);
    record.setParameters(new Object[] {fields});
    LINES.log(record);
  }

  /**
   * A request cost more than its key's budget could pay even after a top-up (a provider counted
   * more than the gateway did); the rest was not charged, so the operator pays it.
   */
  static void uncharged(ChatCall call, long micros) {
    LOG.log(
        Level.WARNING,
        String.format(
            "%s key=%s: %s of its cost exceeded the key's budget and was not charged",
            call.generationId, call.key.id(), Money.ofMicros(micros)));
  }

  /** A label of the request's row could not be worked out: the row is written without it. */
  static void unlabelled(ChatCall call, String label, RuntimeException cause) {
    LOG.log(
        Level.ERROR,
        String.format(
            "%s key=%s: its row is written without a %s", call.generationId, call.key.id(), label),
        cause);
  }

  static void failed(ChatCall call, GatewayError error) {
    // Client mistakes (4xx) are the client's to see, not the operator's to read.
    Level level =
        error.kind() == ErrorKind.INTERNAL
            ? Level.ERROR
            : error.kind().status() >= 500 ? Level.WARNING : Level.DEBUG;
    if (!LOG.isLoggable(level)) {
      return;
    }
    String provider = call.route().map(route -> route.provider().id()).orElse("-");
    String line =
        String.format(
            "%s key=%s model=%s provider=%s status=%d code=%s: %s",
            call.generationId,
            call.key.id(),
            // The model and the message may quote what a client or a provider sent.
            UntrustedText.scrub(call.request.model()),
            provider,
            error.kind().status(),
            error.kind().code(),
            UntrustedText.line(error.safeMessage()));
    if (error.getCause() != null) {
      LOG.log(level, line, error.getCause());
    } else {
      LOG.log(level, line);
    }
  }
}
