package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A strict, path-aware view of one YAML object: typed getters that reject wrong types and unknown
 * keys with an error naming the field path. An absent or null key reads as empty. The configuration
 * and the catalog share it, each with its own exception type.
 */
public final class ConfigNode {
  /** Builds the exception thrown for a problem at a field path. */
  @FunctionalInterface
  public interface Errors {
    RuntimeException at(String path, String problem);
  }

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private final JsonNode node;
  private final String path;
  private final Errors errors;

  private ConfigNode(JsonNode node, String path, Errors errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /**
   * A view of {@code node}, which must be an object, found at {@code path} ("" for the document
   * root).
   */
  public static ConfigNode of(JsonNode node, String path, Errors errors) {
    if (!node.isObject()) {
      throw errors.at(path, "expected a mapping of keys to values, got " + shown(node));
    }
    return new ConfigNode(node, path, errors);
  }

  /**
   * Parses YAML into a tree, rejecting duplicate keys (the last one would silently win). An empty
   * document is an empty mapping; a syntax error names {@code path} with line and column.
   */
  public static JsonNode readYaml(String yaml, String path, Errors errors) {
    try {
      JsonNode tree =
          Json.yaml().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(yaml);
      return tree == null || tree.isMissingNode() || tree.isNull() ? Json.object() : tree;
    } catch (JsonProcessingException e) {
      throw errors.at(path, "not valid YAML" + yamlProblem(e));
    }
  }

  /**
   * " at line L, column C: problem" in one line. SnakeYAML's own message spans lines, quotes the
   * input and Jackson's location points at the start of the enclosing construct.
   */
  private static String yamlProblem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked
        && marked.getProblemMark() != null
        && marked.getProblem() != null) {
      Mark mark = marked.getProblemMark();
      return " at line "
          + (mark.getLine() + 1)
          + ", column "
          + (mark.getColumn() + 1)
          + ": "
          + firstLine(marked.getProblem());
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return where + ": " + firstLine(String.valueOf(e.getOriginalMessage()));
  }

  /** The first line, without a parenthesised reference to the library's configuration. */
  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse("").strip();
    int internals = line.indexOf(" (from `");
    return internals < 0 ? line.replace("`", "'") : line.substring(0, internals);
  }

  /** The message format shared by every configuration error: path, colon, problem. */
  public static String describe(String path, String problem) {
    return (path.isEmpty() ? "(top level)" : path) + ": " + problem;
  }

  public String path() {
    return path;
  }

  public JsonNode json() {
    return node;
  }

  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public RuntimeException error(String problem) {
    return errors.at(path, problem);
  }

  public RuntimeException error(String key, String problem) {
    return errors.at(pathOf(key), problem);
  }

  /** Present and not null. */
  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Rejects keys outside {@code allowed}, naming every unknown one: typos must not be silent. */
  public void allowOnly(Collection<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        unknown.add('"' + name + '"');
      }
    }
    if (!unknown.isEmpty()) {
      String noun = unknown.size() == 1 ? "unknown key " : "unknown keys ";
      throw error(
          noun
              + String.join(", ", unknown)
              + " (expected one of: "
              + String.join(", ", allowed)
              + ")");
    }
  }

  public Optional<String> string(String key) {
    return value(key)
        .map(
            v -> {
              if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                throw error(key, "expected a text value, got " + shown(v));
              }
              return v.asText();
            });
  }

  /** The keys of this object, in the order written. */
  public java.util.List<String> keys() {
    java.util.List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public String requiredString(String key) {
    String text = string(key).orElseThrow(() -> error(key, "is required"));
    if (text.isBlank()) {
      throw error(key, "must not be empty");
    }
    return text;
  }

  /** A whole number in [min, max]; text holding digits (from {@code ${ENV}}) counts. */
  public OptionalLong integer(String key, long min, long max) {
    Optional<JsonNode> found = value(key);
    if (found.isEmpty()) {
      return OptionalLong.empty();
    }
    JsonNode v = found.get();
    String expected = "expected an integer between " + min + " and " + max + ", got " + shown(v);
    long parsed;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      parsed = v.asLong();
    } else if (v.isTextual() && INTEGER.matcher(v.asText().trim()).matches()) {
      try {
        parsed = Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        throw error(key, expected);
      }
    } else {
      throw error(key, expected);
    }
    if (parsed < min || parsed > max) {
      throw error(key, expected);
    }
    return OptionalLong.of(parsed);
  }

  public OptionalInt integer(String key, int min, int max) {
    OptionalLong value = integer(key, (long) min, (long) max);
    return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
  }

  public Optional<Boolean> bool(String key) {
    return value(key)
        .map(
            v -> {
              if (v.isBoolean()) {
                return v.asBoolean();
              }
              String text = v.isTextual() ? v.asText().trim() : "";
              if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
              }
              throw error(key, "expected true or false, got " + shown(v));
            });
  }

  /** A positive duration written as {@code 500ms}, {@code 5s}, {@code 2m} or {@code 1h}. */
  public Optional<Duration> duration(String key) {
    return value(key)
        .map(
            v ->
                Units.duration(v.isTextual() ? v.asText() : "")
                    .orElseThrow(
                        () ->
                            error(
                                key,
                                "expected a positive duration such as 500ms, 5s, 2m or 1h, got "
                                    + shown(v))));
  }

  /** A positive byte count: a whole number, or text such as {@code 10MiB}, {@code 512KB}. */
  public OptionalLong bytes(String key) {
    Optional<JsonNode> found = value(key);
    if (found.isEmpty()) {
      return OptionalLong.empty();
    }
    JsonNode v = found.get();
    OptionalLong size = Units.bytes(v.isIntegralNumber() || v.isTextual() ? v.asText() : "");
    if (size.isEmpty()) {
      throw error(
          key, "expected a positive size in bytes such as 10485760 or 10MiB, got " + shown(v));
    }
    return size;
  }

  /** An exact decimal from a YAML number or text, read from its digits (never through a double). */
  public Optional<BigDecimal> decimal(String key) {
    return value(key)
        .map(
            v -> {
              if (v.isIntegralNumber()) {
                return new BigDecimal(v.bigIntegerValue());
              }
              if (v.isBigDecimal()) {
                return v.decimalValue();
              }
              if (v.isTextual()) {
                try {
                  return new BigDecimal(v.asText().trim());
                } catch (NumberFormatException e) {
                  throw error(key, "expected a decimal number, got " + shown(v));
                }
              }
              throw error(key, "expected a decimal number, got " + shown(v));
            });
  }

  /** A list of text values; absent reads as an empty list. */
  public List<String> strings(String key) {
    Optional<JsonNode> found = value(key);
    if (found.isEmpty()) {
      return List.of();
    }
    if (!found.get().isArray()) {
      throw error(key, "expected a list, got " + shown(found.get()));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < found.get().size(); i++) {
      JsonNode item = found.get().get(i);
      if (!item.isTextual()) {
        throw errors.at(pathOf(key) + "[" + i + "]", "expected a text value, got " + shown(item));
      }
      out.add(item.asText());
    }
    return List.copyOf(out);
  }

  public Optional<ConfigNode> object(String key) {
    return value(key).map(v -> of(v, pathOf(key), errors));
  }

  /** A list of objects, each viewed at {@code key[i]}; absent reads as an empty list. */
  public List<ConfigNode> objects(String key) {
    Optional<JsonNode> found = value(key);
    if (found.isEmpty()) {
      return List.of();
    }
    if (!found.get().isArray()) {
      throw error(key, "expected a list, got " + shown(found.get()));
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < found.get().size(); i++) {
      out.add(of(found.get().get(i), pathOf(key) + "[" + i + "]", errors));
    }
    return List.copyOf(out);
  }

  /** How a value appears in an error: text quoted, numbers as written, containers by kind. */
  public static String shown(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    return value.isTextual() ? Json.string(value.asText()) : value.asText();
  }

  private Optional<JsonNode> value(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }
}
