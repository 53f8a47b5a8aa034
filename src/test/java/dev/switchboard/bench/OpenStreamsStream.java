package dev.switchboard.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * What the load client keeps of one open stream: enough to judge at the end whether it ended
 * cleanly (status 200, a usage object, [DONE] last), not its body, so 10,000 of them stay small.
 */
final class OpenStreamsStream {
  private static final String DONE = "data: [DONE]";
  private static final String USAGE = "\"prompt_tokens\":";
  // Long enough that a marker split across two reads is still seen whole.
  private static final int TAIL = 64;
  private String tail = "";
  private boolean usage;
  private long chunks;
  private int status;
  private boolean settled;

  void headers(int statusCode) {
    status = statusCode;
  }

  void received(Buffer data) {
    chunks++;
    String text = tail + data.toString(StandardCharsets.UTF_8);
    if (!usage && text.contains(USAGE)) {
      usage = true;
    }
    tail = text.length() <= TAIL ? text : text.substring(text.length() - TAIL);
  }

  /** True the first time only: an error after the end, or an end after an error, counts once. */
  boolean settle() {
    boolean first = !settled;
    settled = true;
    return first;
  }

  int status() {
    return status;
  }

  long chunks() {
    return chunks;
  }

  /** Null when the stream ended cleanly, else why not. */
  String verdict() {
    if (status != 200) {
      return "status " + status;
    }
    if (!usage) {
      return "no usage object, ended with: " + tail.strip().replace('\n', ' ');
    }
    if (!tail.strip().endsWith(DONE)) {
      return "[DONE] not last, ended with: " + tail.strip().replace('\n', ' ');
    }
    return null;
  }
}
