package dev.switchboard.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

  public static boolean has(String format, String scenario, String file) {
    return Fixtures.class.getResource("/wire/" + format + "/" + scenario + "/" + file) != null;
  }

  /** The scenario folders of {@code format}, sorted; none when the format has no fixtures. */
  public static List<String> scenarios(String format) {
    URL folder = Fixtures.class.getResource("/wire/" + format);
    if (folder == null) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(Path.of(folder.toURI()))) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("fixtures are not in a folder: " + folder, e);
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
