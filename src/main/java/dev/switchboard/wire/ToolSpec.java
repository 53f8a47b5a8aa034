package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/**
 * A function the client offers the model: name, description and JSON Schema of its arguments, and a
 * cache breakpoint when the client put one on it. {@code builtin} is set instead for a tool the
 * provider runs itself, which only its own format can offer (Anthropic's web_search_20250305): a
 * format of another name must refuse it ({@link #requireFunction}), since leaving it out would
 * change what the model can do. {@code freeform} is set for a tool whose input is raw text ({@link
 * Freeform}): {@code parameters} is then the wrapped schema, so any format offers it as a function.
 */
public record ToolSpec(
    String name,
    Optional<String> description,
    JsonNode parameters,
    Optional<CacheHint> cache,
    Optional<Part.Opaque> builtin,
    Optional<Freeform> freeform) {
  public ToolSpec(
      String name,
      Optional<String> description,
      JsonNode parameters,
      Optional<CacheHint> cache,
      Optional<Part.Opaque> builtin) {
    this(name, description, parameters, cache, builtin, Optional.empty());
  }

  public ToolSpec(
      String name, Optional<String> description, JsonNode parameters, Optional<CacheHint> cache) {
    this(name, description, parameters, cache, Optional.empty());
  }

  public ToolSpec(String name, Optional<String> description, JsonNode parameters) {
    this(name, description, parameters, Optional.empty(), Optional.empty());
  }

  /**
   * A freeform tool, offered to providers as a function of one string argument whose description
   * carries the tool's grammar.
   */
  public static ToolSpec freeform(String name, Freeform freeform, Optional<CacheHint> cache) {
    String described = freeform.describe();
    return new ToolSpec(
        name,
        described.isEmpty() ? Optional.empty() : Optional.of(described),
        Freeform.schema(),
        cache,
        Optional.empty(),
        Optional.of(freeform));
  }

  /** A provider-run tool of {@code tool.format()}, named as its format names it. */
  public static ToolSpec builtin(String name, Part.Opaque tool) {
    return new ToolSpec(
        name, Optional.empty(), NullNode.getInstance(), Optional.empty(), Optional.of(tool));
  }

  /**
   * Throws, naming the tool's type, when this is a builtin tool of a format other than {@code
   * format}: a writer of that format cannot offer it.
   */
  public void requireFunction(String format) throws WireException {
    if (builtin.isPresent() && !builtin.get().format().equals(format)) {
      throw new WireException(
          "tools: '"
              + builtin.get().type()
              + "' is a server tool of the "
              + builtin.get().format()
              + " format; the model's provider cannot run it",
          "tools",
          null);
    }
  }
}
