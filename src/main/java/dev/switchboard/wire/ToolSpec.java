package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A function the client offers the model: name, description and JSON Schema of its arguments, and a
 * cache breakpoint when the client put one on it.
 */
public record ToolSpec(
    String name, Optional<String> description, JsonNode parameters, Optional<CacheHint> cache) {
  public ToolSpec(String name, Optional<String> description, JsonNode parameters) {
    this(name, description, parameters, Optional.empty());
  }
}
