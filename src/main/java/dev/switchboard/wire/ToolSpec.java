package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A function the client offers the model: name, description and JSON Schema of its arguments. */
public record ToolSpec(String name, Optional<String> description, JsonNode parameters) {}
