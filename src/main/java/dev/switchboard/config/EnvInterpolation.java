package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.wire.Json;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every text value of a YAML tree, and
 * {@code $${} by a literal {@code ${}. A variable that is unset (or, with a default, empty) and has no
 * default removes an {@code api_key} field, which may be absent; anywhere else it is an error naming
 * the field path and the variable. Keys are never interpolated; the input tree is not modified.
 */
public final class EnvInterpolation {
  /** The one field name that may vanish when its variable is unset: a provider without a key. */
  public static final String OPTIONAL_FIELD = "api_key";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvInterpolation() {}

  /**
   * An optional field left out because its variable is unset: {@code owner} is the {@code id} of
   * the object that held it (a provider), empty if it has none.
   */
  public record UnsetVariable(String path, String owner, String variable) {}

  /** Returns an interpolated copy of {@code tree}; {@code pathPrefix} starts every error path. */
  public static JsonNode apply(JsonNode tree, Map<String, String> env, String pathPrefix) {
    return apply(tree, env, pathPrefix, unset -> {});
  }

  /** As {@link #apply(JsonNode, Map, String)}, telling {@code unset} of each field it left out. */
  public static JsonNode apply(
      JsonNode tree, Map<String, String> env, String pathPrefix, Consumer<UnsetVariable> unset) {
    if (tree.isObject()) {
      return object((ObjectNode) tree, env, pathPrefix, unset);
    }
    if (tree.isArray()) {
      return array((ArrayNode) tree, env, pathPrefix, unset);
    }
    if (tree.isTextual()) {
      return TextNode.valueOf(required(tree.asText(), env, pathPrefix));
    }
    return tree.deepCopy();
  }

  private static ObjectNode object(
      ObjectNode in, Map<String, String> env, String path, Consumer<UnsetVariable> unset) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isTextual() && field.getKey().equals(OPTIONAL_FIELD)) {
        Interpolated result = interpolate(value.asText(), env, childPath, true);
        result
            .text()
            .ifPresentOrElse(
                text -> out.put(field.getKey(), text),
                () ->
                    unset.accept(
                        new UnsetVariable(childPath, in.path("id").asText(""), result.unset())));
      } else {
        out.set(field.getKey(), apply(value, env, childPath, unset));
      }
    }
    return out;
  }

  private static ArrayNode array(
      ArrayNode in, Map<String, String> env, String path, Consumer<UnsetVariable> unset) {
    ArrayNode out = Json.array();
    for (int i = 0; i < in.size(); i++) {
      out.add(apply(in.get(i), env, path + "[" + i + "]", unset));
    }
    return out;
  }

  private static String required(String text, Map<String, String> env, String path) {
    return interpolate(text, env, path, false).text().orElseThrow();
  }

  /** The interpolated text, or none and the name of the unset variable that left it out. */
  private record Interpolated(Optional<String> text, String unset) {}

  /**
   * The interpolated text, or empty when a variable without default is unset and the field is
   * optional. For a required field the unset variable throws instead.
   */
  private static Interpolated interpolate(
      String text, Map<String, String> env, String path, boolean optional) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new ConfigException(
              path, "unterminated ${ in " + Json.string(text) + " (write $${ for a literal ${)");
        }
        Optional<String> value = lookup(text.substring(i + 2, end), env, path);
        if (value.isEmpty()) {
          if (optional) {
            return new Interpolated(Optional.empty(), name(text.substring(i + 2, end)));
          }
          throw new ConfigException(
              path,
              "environment variable "
                  + name(text.substring(i + 2, end))
                  + " is not set (give a default with ${NAME:-default})");
        }
        out.append(value.get());
        i = end + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return new Interpolated(Optional.of(out.toString()), "");
  }

  /** The variable's value, its default when unset (or empty, as in the shell), else empty. */
  private static Optional<String> lookup(String expression, Map<String, String> env, String path) {
    int separator = expression.indexOf(":-");
    String name = name(expression);
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          path,
          "invalid environment variable name " + Json.string(name) + " in ${" + expression + "}");
    }
    String value = env.get(name);
    if (separator < 0) {
      return Optional.ofNullable(value);
    }
    return Optional.of(
        value == null || value.isEmpty() ? expression.substring(separator + 2) : value);
  }

  private static String name(String expression) {
    int separator = expression.indexOf(":-");
    return separator < 0 ? expression : expression.substring(0, separator);
  }
}
