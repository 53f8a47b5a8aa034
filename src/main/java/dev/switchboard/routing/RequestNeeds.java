package dev.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a request needs of a deployment: tool calling, image input, room for its prompt and its
 * output, and (for {@code require_parameters}) every parameter it sets. The token estimate is text
 * characters over four, cheap enough for the event loop; it only excludes clear misfits.
 */
record RequestNeeds(boolean tools, boolean images, long tokens) {
  /** No needs: the {@code plan(String)} path. */
  static final RequestNeeds NONE = new RequestNeeds(false, false, 0);

  /** Body fields OpenRouter lists in supported_parameters that the canonical controls lack. */
  private static final List<String> BODY_PARAMETERS =
      List.of(
          "frequency_penalty",
          "presence_penalty",
          "repetition_penalty",
          "logit_bias",
          "logprobs",
          "top_logprobs",
          "min_p",
          "top_a",
          "verbosity");

  static RequestNeeds of(ChatRequest request) {
    long chars = chars(request.system());
    boolean images = hasImage(request.system());
    for (Message message : request.messages()) {
      chars += chars(message.parts());
      images |= hasImage(message.parts());
    }
    for (ToolSpec tool : request.tools()) {
      chars += tool.name().length() + tool.description().map(String::length).orElse(0);
      chars += jsonChars(tool.parameters());
    }
    long output = request.maxOutputTokens().orElse(0);
    return new RequestNeeds(!request.tools().isEmpty(), images, chars / 4 + Math.max(0, output));
  }

  /** The OpenRouter names of the parameters a request sets. */
  static List<String> parameters(ChatRequest request) {
    Controls c = request.controls();
    List<String> names = new ArrayList<>();
    add(names, "max_tokens", c.maxOutputTokens().isPresent());
    add(names, "temperature", c.temperature().isPresent());
    add(names, "top_p", c.topP().isPresent());
    add(names, "top_k", c.topK().isPresent());
    add(names, "stop", !c.stop().isEmpty());
    add(names, "seed", c.seed().isPresent());
    add(names, "tools", !request.tools().isEmpty());
    add(names, "tool_choice", !c.toolChoice().equals(ToolChoice.AUTO));
    add(names, "response_format", c.responseFormat().kind() != ResponseFormat.Kind.TEXT);
    add(names, "structured_outputs", c.responseFormat().kind() == ResponseFormat.Kind.JSON_SCHEMA);
    add(names, "reasoning", c.reasoning().isPresent());
    if (request.source().format().equals("openai")) {
      for (String field : BODY_PARAMETERS) {
        add(names, field, request.source().body().hasNonNull(field));
      }
    }
    return names;
  }

  private static void add(List<String> names, String name, boolean set) {
    if (set) {
      names.add(name);
    }
  }

  private static long chars(List<Part> parts) {
    long chars = 0;
    for (Part part : parts) {
      chars +=
          switch (part) {
            case Part.Text t -> t.text().length();
            case Part.Thinking t -> t.text().length();
            case Part.ToolUse t -> t.name().length() + t.arguments().length();
            case Part.ToolResult t -> chars(t.content());
            case Part.Image i -> 0;
            case Part.Document d -> 0;
            case Part.RedactedThinking r -> 0;
            case Part.Opaque o -> 0;
          };
    }
    return chars;
  }

  private static boolean hasImage(List<Part> parts) {
    for (Part part : parts) {
      if (part instanceof Part.Image
          || part instanceof Part.ToolResult result && hasImage(result.content())) {
        return true;
      }
    }
    return false;
  }

  /** About the length of a JSON schema as text, walked without writing it out. */
  private static long jsonChars(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().length() + 2;
    }
    if (!node.isContainerNode()) {
      return 4;
    }
    long chars = 2;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        chars += field.getKey().length() + 4 + jsonChars(field.getValue());
      }
    } else {
      for (JsonNode item : node) {
        chars += 1 + jsonChars(item);
      }
    }
    return chars;
  }
}
