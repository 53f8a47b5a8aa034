package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.Logging;
import dev.switchboard.wire.Json;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes each log record as one line, key=value text or a JSON object. A record whose parameter is
 * a field map (the per-request line) gets those fields as its own keys; any other record gets its
 * message, and the error's class and message when it carries one (never a stack trace).
 */
final class LogLine extends Formatter {
  private final Logging.Format format;

  LogLine(Logging.Format format) {
    this.format = format;
  }

  Logging.Format format() {
    return format;
  }

  @Override
  public String format(LogRecord record) {
    Map<String, Object> fields = fieldsOf(record);
    String time = Instant.ofEpochMilli(record.getMillis()).toString();
    String level = record.getLevel().getName();
    Throwable thrown = record.getThrown();
    return format == Logging.Format.JSON
        ? json(time, level, record.getMessage(), fields, thrown)
        : text(time, level, record.getMessage(), fields, thrown);
  }

  private static String text(
      String time, String level, String message, Map<String, Object> fields, Throwable thrown) {
    StringBuilder line = new StringBuilder(256);
    line.append(time).append(' ').append(level).append(' ').append(message);
    fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    if (thrown != null) {
      line.append(" error=").append(thrown.getClass().getSimpleName());
    }
    return line.append(System.lineSeparator()).toString();
  }

  private static String json(
      String time, String level, String message, Map<String, Object> fields, Throwable thrown) {
    ObjectNode line = Json.object().put("time", time).put("level", level).put("msg", message);
    fields.forEach(
        (key, value) -> {
          switch (value) {
            case Long number -> line.put(key, number);
            case Integer number -> line.put(key, number);
            case Boolean flag -> line.put(key, flag);
            default -> line.put(key, value.toString());
          }
        });
    if (thrown != null) {
      line.put("error", thrown.getClass().getSimpleName());
    }
    return Json.string(line) + System.lineSeparator();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fieldsOf(LogRecord record) {
    Object[] parameters = record.getParameters();
    return parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> map
        ? (Map<String, Object>) map
        : Map.of();
  }
}
