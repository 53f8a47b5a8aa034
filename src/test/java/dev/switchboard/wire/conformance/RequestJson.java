package dev.switchboard.wire.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.TreeMap;

/**
 * A canonical request as stable JSON for expected-request.json: everything a format parsed, minus
 * {@code source} (the client's own bytes, which the fixture already is). Controls appear only when
 * set, map entries sorted, so the golden changes only when the meaning does.
 */
final class RequestJson {
  private RequestJson() {}

  static ObjectNode write(ChatRequest request) {
    ObjectNode node = Json.object().put("model", request.model()).put("stream", request.stream());
    node.set("system", PartJson.parts(request.system()));
    ArrayNode messages = node.putArray("messages");
    for (Message message : request.messages()) {
      ObjectNode item = messages.addObject().put("role", message.role().name());
      item.set("parts", PartJson.parts(message.parts()));
    }
    ArrayNode tools = node.putArray("tools");
    for (ToolSpec tool : request.tools()) {
      ObjectNode item = tools.addObject().put("name", tool.name());
      tool.description().ifPresent(description -> item.put("description", description));
      item.set("parameters", tool.parameters());
      tool.freeform()
          .ifPresent(
              freeform ->
                  freeform
                      .format()
                      .ifPresentOrElse(
                          format -> item.set("freeform", format),
                          () -> item.put("freeform", "text")));
      PartJson.cache(item, tool.cache());
    }
    node.set("controls", controls(request.controls()));
    ObjectNode hints = node.putObject("hints");
    request.hints().models().forEach(hints.putArray("models")::add);
    request.hints().provider().ifPresent(provider -> hints.set("provider", provider));
    return node;
  }

  /** The golden of a client request its own format refuses: the message and the field. */
  static ObjectNode refused(WireException e) {
    ObjectNode node = Json.object();
    node.putObject("refused").put("message", e.getMessage()).put("param", e.param());
    return node;
  }

  private static ObjectNode controls(Controls c) {
    ObjectNode node = Json.object();
    c.maxOutputTokens().ifPresent(value -> node.put("max_output_tokens", value));
    c.temperature().ifPresent(value -> node.put("temperature", value));
    c.topP().ifPresent(value -> node.put("top_p", value));
    c.topK().ifPresent(value -> node.put("top_k", value));
    if (!c.stop().isEmpty()) {
      c.stop().forEach(node.putArray("stop")::add);
    }
    c.seed().ifPresent(value -> node.put("seed", value));
    if (!c.toolChoice().equals(ToolChoice.AUTO)) {
      node.put(
          "tool_choice",
          c.toolChoice().mode().name() + c.toolChoice().name().map(name -> ":" + name).orElse(""));
    }
    c.parallelToolCalls().ifPresent(value -> node.put("parallel_tool_calls", value));
    if (c.responseFormat().kind() != dev.switchboard.wire.ResponseFormat.Kind.TEXT) {
      ObjectNode format = node.putObject("response_format");
      format
          .put("kind", c.responseFormat().kind().name())
          .put("strict", c.responseFormat().strict());
      c.responseFormat().name().ifPresent(name -> format.put("name", name));
      c.responseFormat().schema().ifPresent(schema -> format.set("schema", schema));
    }
    c.reasoning()
        .ifPresent(
            r -> {
              ObjectNode reasoning = node.putObject("reasoning").put("enabled", r.enabled());
              r.effort().ifPresent(effort -> reasoning.put("effort", effort));
              r.budgetTokens().ifPresent(budget -> reasoning.put("budget_tokens", budget));
            });
    c.user().ifPresent(user -> node.put("user", user));
    if (!c.metadata().isEmpty()) {
      ObjectNode metadata = node.putObject("metadata");
      new TreeMap<>(c.metadata()).forEach(metadata::put);
    }
    return node;
  }
}
