package dev.switchboard.ratelimit;

import java.util.Map;

/** An admitted request's hold on its key's limits, released once when the request ends. */
public interface Permit {

  /** Once, at the end: frees the concurrency slot, corrects TPM to the actual token count. */
  void release(long actualTokens);

  /** The {@code X-RateLimit-*} headers to send with the response. */
  Map<String, String> headers();
}
