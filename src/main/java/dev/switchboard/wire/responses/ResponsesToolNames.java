package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ToolSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the tools a client offered say about the calls that come back: which names are freeform
 * tools (their calls go out as custom tool calls with raw input), and which belong to a namespace
 * (Codex's {@code namespace} tools: their calls carry it, the API refuses them back without it).
 */
record ResponsesToolNames(Set<String> freeform, Map<String, String> namespaces) {
  static final ResponsesToolNames NONE = new ResponsesToolNames(Set.of(), Map.of());

  static ResponsesToolNames of(@Nullable ChatRequest request) {
    if (request == null) {
      return NONE;
    }
    Set<String> freeform =
        request.tools().stream()
            .filter(tool -> tool.freeform().isPresent())
            .map(ToolSpec::name)
            .collect(Collectors.toUnmodifiableSet());
    Map<String, String> namespaces = new HashMap<>();
    if (ResponsesFormat.NAME.equals(request.source().format())) {
      for (JsonNode tool : request.source().body().path("tools")) {
        if ("namespace".equals(tool.path("type").asText())) {
          String namespace = tool.path("name").asText("");
          tool.path("tools")
              .forEach(inner -> namespaces.put(inner.path("name").asText(), namespace));
        }
      }
    }
    return new ResponsesToolNames(freeform, Map.copyOf(namespaces));
  }

  boolean isFreeform(String name) {
    return freeform.contains(name);
  }

  Optional<String> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }
}
