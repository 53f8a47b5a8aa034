package dev.switchboard.wire;

/**
 * One server-sent event: its type ("" when the stream names none) and its data lines joined by \n.
 */
public record SseEvent(String event, String data) {
  public static SseEvent data(String data) {
    return new SseEvent("", data);
  }

  /** The frame as written on the wire, ending with the blank line. */
  public String frame() {
    if (data.indexOf('\n') < 0) {
      // The usual event, one data line: one exact-size String, no split.
      return event.isEmpty()
          ? "data: " + data + "\n\n"
          : "event: " + event + "\ndata: " + data + "\n\n";
    }
    StringBuilder out = new StringBuilder(data.length() + 16);
    if (!event.isEmpty()) {
      out.append("event: ").append(event).append('\n');
    }
    for (String line : data.split("\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }
}
