package dev.switchboard.wire;

import java.util.ArrayList;
import java.util.List;

/** Canonical requests for tests that need one without parsing a body. */
public final class TestRequests {
  private TestRequests() {}

  /** A request of user messages, one per text, in {@code format}. */
  public static ChatRequest users(String format, boolean stream, String... texts) {
    List<Message> messages = new ArrayList<>();
    for (String text : texts) {
      messages.add(Message.text(Role.USER, text));
    }
    return new ChatRequest(
        "m",
        List.of(),
        messages,
        List.of(),
        Controls.NONE,
        RoutingHints.NONE,
        stream,
        new ChatRequest.Source(format, Json.object()));
  }
}
