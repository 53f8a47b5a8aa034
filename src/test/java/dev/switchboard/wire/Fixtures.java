package dev.switchboard.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads recorded wire fixtures from src/test/resources/wire/&lt;format&gt;/&lt;scenario&gt;/. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String format, String scenario, String file) {
    String path = "/wire/" + format + "/" + scenario + "/" + file;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's SSE events, framed in one go. */
  public static List<SseEvent> events(String format, String scenario) {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    decoder.feed(bytes(format, scenario, "upstream-response.sse"), events::add);
    decoder.finish(events::add);
    return events;
  }
}
