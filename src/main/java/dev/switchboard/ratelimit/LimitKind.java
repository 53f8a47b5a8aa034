package dev.switchboard.ratelimit;

/** The three per-key limits, with the words a 429 uses and the suffix of their headers. */
enum LimitKind {
  REQUESTS("requests per minute", "Requests"),
  TOKENS("tokens per minute", "Tokens"),
  CONCURRENCY("concurrent requests", "Concurrency");

  private final String description;
  private final String headerSuffix;

  LimitKind(String description, String headerSuffix) {
    this.description = description;
    this.headerSuffix = headerSuffix;
  }

  String description() {
    return description;
  }

  String headerSuffix() {
    return headerSuffix;
  }
}
