package dev.switchboard.wire.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected outputs kept next to the fixtures, in
 * src/test/resources/wire/&lt;format&gt;/&lt;scenario&gt;/. A test compares what the code produces
 * with the golden file. With {@code -Dgolden.update=true} it (re)writes the file instead, from what
 * the code produces now; read the diff before committing it, since a golden is only as right as the
 * code that wrote it:
 *
 * <pre>./mvnw -o test -Dtest='WireConformanceTest' -Dgolden.update=true</pre>
 *
 * A missing golden fails with that command rather than passing silently.
 */
final class Golden {
  static final String UPDATE_COMMAND =
      "./mvnw -o test -Dtest='WireConformanceTest' -Dgolden.update=true";

  private Golden() {}

  static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Compares (or in update mode writes) a golden holding one JSON value. */
  static void check(String format, String scenario, String file, JsonNode actual) {
    checkText(format, scenario, file, pretty(actual), Golden::pretty);
  }

  /** Compares (or writes) a golden holding a list, one compact JSON object per line. */
  static void checkLines(
      String format, String scenario, String file, List<? extends JsonNode> actual) {
    checkText(format, scenario, file, lines(actual), node -> lines(elements(node)));
  }

  /** The golden's JSON, for tests that read it back; fails when it is missing. */
  static JsonNode read(String format, String scenario, String file) {
    Path path = path(format, scenario, file);
    if (!Files.exists(path)) {
      fail(missing(path));
    }
    try {
      return Json.tree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (WireException e) {
      throw new AssertionError(path + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static void checkText(
      String format, String scenario, String file, String actual, Render render) {
    Path path = path(format, scenario, file);
    // Both sides rendered from parsed JSON, so number types and a hand-edited golden's whitespace
    // do not matter.
    actual = render.apply(parse(actual, path));
    if (updating()) {
      try {
        Files.writeString(path, actual, UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    String expected = render.apply(read(format, scenario, file));
    assertThat(actual).as("%s differs (%s rewrites it)", path, UPDATE_COMMAND).isEqualTo(expected);
  }

  private static JsonNode parse(String json, Path path) {
    try {
      return Json.tree(json);
    } catch (WireException e) {
      throw new IllegalStateException("rendered JSON for " + path + " does not parse", e);
    }
  }

  private static String missing(Path path) {
    return "no golden "
        + path
        + ": create it with "
        + UPDATE_COMMAND
        + ", then read it against the fixture before committing it";
  }

  static Path path(String format, String scenario, String file) {
    return Path.of(
        System.getProperty("basedir", "."), "src/test/resources/wire", format, scenario, file);
  }

  private static String pretty(JsonNode node) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lines(List<? extends JsonNode> nodes) {
    List<String> rows = new ArrayList<>(nodes.size());
    nodes.forEach(node -> rows.add("  " + Json.string(node)));
    return "[\n" + String.join(",\n", rows) + "\n]\n";
  }

  private static List<JsonNode> elements(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node instanceof ArrayNode array) {
      array.forEach(list::add);
    } else {
      list.add(node);
    }
    return list;
  }

  private interface Render {
    String apply(JsonNode golden);
  }
}
