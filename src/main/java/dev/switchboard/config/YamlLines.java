package dev.switchboard.config;

import java.io.StringReader;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a field path ({@code policy.classes.regulated.jurisdictions[1]}) in YAML text,
 * so an error can point at it. Keys may contain dots (model ids do): at each mapping the longest
 * key that the rest of the path starts with wins.
 */
public final class YamlLines {
  private YamlLines() {}

  /** The 1-based line of {@code path}'s value (or of its deepest part found); empty if none. */
  public static OptionalInt lineOf(String yaml, String path) {
    Node node;
    try {
      node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (RuntimeException e) {
      return OptionalInt.empty();
    }
    if (node == null || path.isEmpty()) {
      return OptionalInt.empty();
    }
    int line = -1;
    String rest = path;
    while (!rest.isEmpty() && node != null) {
      Step step = step(node, rest);
      if (step == null) {
        break;
      }
      node = step.node;
      line = step.line;
      rest = step.rest;
    }
    return line < 0 ? OptionalInt.empty() : OptionalInt.of(line + 1);
  }

  private record Step(Node node, int line, String rest) {}

  private static Step step(Node node, String rest) {
    if (rest.startsWith("[") && node instanceof SequenceNode list) {
      int close = rest.indexOf(']');
      if (close < 0) {
        return null;
      }
      int index;
      try {
        index = Integer.parseInt(rest.substring(1, close));
      } catch (NumberFormatException e) {
        return null;
      }
      if (index < 0 || index >= list.getValue().size()) {
        return null;
      }
      Node item = list.getValue().get(index);
      return new Step(item, item.getStartMark().getLine(), trim(rest.substring(close + 1)));
    }
    if (!(node instanceof MappingNode map)) {
      return null;
    }
    NodeTuple best = null;
    String bestKey = "";
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        String name = key.getValue();
        boolean matches =
            rest.equals(name) || rest.startsWith(name + ".") || rest.startsWith(name + "[");
        if (matches && name.length() > bestKey.length()) {
          best = tuple;
          bestKey = name;
        }
      }
    }
    if (best == null) {
      return null;
    }
    return new Step(
        best.getValueNode(),
        best.getKeyNode().getStartMark().getLine(),
        trim(rest.substring(bestKey.length())));
  }

  private static String trim(String rest) {
    return rest.startsWith(".") ? rest.substring(1) : rest;
  }
}
