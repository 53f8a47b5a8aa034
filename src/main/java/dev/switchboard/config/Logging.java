package dev.switchboard.config;

/** How the gateway writes its log: one line per request, as key=value text or as JSON. */
public record Logging(Format format) {
  /** The shape of a log line. */
  public enum Format {
    TEXT,
    JSON
  }
}
