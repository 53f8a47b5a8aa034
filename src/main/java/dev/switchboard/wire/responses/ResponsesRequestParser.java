package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.RoutingHints;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a Responses API body. Known fields are type-checked, an error naming the
 * field; what needs server-side state (stored responses, conversations, background runs) is refused
 * with a clear 400, as OpenRouter's stateless Responses API does.
 */
final class ResponsesRequestParser {
  private static final Map<String, JsonKind> TOP_LEVEL =
      Map.ofEntries(
          Map.entry("model", JsonKind.STRING),
          Map.entry("input", JsonKind.STRING_OR_ARRAY),
          Map.entry("instructions", JsonKind.STRING),
          Map.entry("stream", JsonKind.BOOLEAN),
          Map.entry("store", JsonKind.BOOLEAN),
          Map.entry("background", JsonKind.BOOLEAN),
          Map.entry("previous_response_id", JsonKind.STRING),
          Map.entry("max_output_tokens", JsonKind.INTEGER),
          Map.entry("max_tool_calls", JsonKind.INTEGER),
          Map.entry("temperature", JsonKind.NUMBER),
          Map.entry("top_p", JsonKind.NUMBER),
          Map.entry("tools", JsonKind.ARRAY),
          Map.entry("tool_choice", JsonKind.STRING_OR_OBJECT),
          Map.entry("parallel_tool_calls", JsonKind.BOOLEAN),
          Map.entry("reasoning", JsonKind.OBJECT),
          Map.entry("text", JsonKind.OBJECT),
          Map.entry("include", JsonKind.ARRAY),
          Map.entry("metadata", JsonKind.OBJECT),
          Map.entry("user", JsonKind.STRING),
          Map.entry("provider", JsonKind.OBJECT),
          Map.entry("models", JsonKind.ARRAY));

  /** Fields that name state kept on the server, which a stateless gateway has not got. */
  private static final List<String> STATEFUL = List.of("previous_response_id", "conversation");

  private ResponsesRequestParser() {}

  static ChatRequest parse(IngressRequest request, RequestLimits limits) throws WireException {
    ObjectNode object = limits.parseBody(request.body());
    JsonKind.checkFields(object, TOP_LEVEL);
    refuseState(object);
    String model = request.model(object, "model: required, a non-empty string");
    JsonNode input = object.get("input");
    if (input == null || input.isNull()) {
      throw new WireException("input: required", "input", null);
    }
    if (input.isArray()) {
      limits.checkMessageCount(input, "input", "item");
    }
    List<Message> conversation = ResponsesInput.read(input);
    List<Part> system = new ArrayList<>();
    JsonNode instructions = object.path("instructions");
    if (instructions.isTextual() && !instructions.asText().isEmpty()) {
      system.add(Part.Text.of(instructions.asText()));
    }
    // Leading system and developer messages join the instructions; later ones stay in place.
    int lead = 0;
    while (lead < conversation.size() && conversation.get(lead).role() == Role.SYSTEM) {
      system.addAll(conversation.get(lead++).parts());
    }
    ResponsesTools.Offered tools = ResponsesTools.read(object.path("tools"), limits);
    return new ChatRequest(
        model,
        system,
        conversation.subList(lead, conversation.size()),
        tools.tools(),
        ResponsesControls.read(object, limits),
        RoutingHints.read(object),
        object.path("stream").asBoolean(false),
        new ChatRequest.Source(ResponsesFormat.NAME, object, Map.of(), tools.hosted())
            .parsedFrom(request.body()));
  }

  /**
   * {@code store: true} (the API's default, so only when sent), stored responses and conversations,
   * and background runs all need state the gateway does not keep.
   */
  private static void refuseState(ObjectNode body) throws WireException {
    if (body.path("store").asBoolean(false)) {
      throw new WireException(
          "store: true is not supported: responses are not stored; send store: false and the"
              + " whole conversation in input",
          "store",
          null);
    }
    for (String field : STATEFUL) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull()) {
        throw new WireException(
            field
                + ": not supported: responses are not stored; send the whole conversation in"
                + " input (with reasoning items and include: [\"reasoning.encrypted_content\"])",
            field,
            null);
      }
    }
    if (body.path("background").asBoolean(false)) {
      throw new WireException(
          "background: true is not supported: responses are not stored", "background", null);
    }
  }
}
