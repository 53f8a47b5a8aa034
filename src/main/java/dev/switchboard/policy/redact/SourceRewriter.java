package dev.switchboard.policy.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the text fields of the client's original body (a copy), and nothing else: the body an
 * upstream of the same format receives. Per format:
 *
 * <ul>
 *   <li>openai: each message's {@code content} (a string, or the {@code text} of its text parts)
 *       and each {@code tool_calls[].function.arguments};
 *   <li>anthropic: {@code system} (a string or text blocks), each message's {@code content} string,
 *       text blocks, tool_use {@code input} (every string value) and tool_result {@code content} (a
 *       string or text blocks);
 *   <li>gemini: the {@code text} of {@code systemInstruction} and {@code contents} parts (thought
 *       parts excepted), {@code functionCall.args} and {@code functionResponse.response} (every
 *       string value), under either spelling of each name.
 * </ul>
 *
 * Thinking blocks, signatures, tools, media and unknown fields are never touched.
 */
final class SourceRewriter {
  private final RequestRewriter rewriter;

  SourceRewriter(RequestRewriter rewriter) {
    this.rewriter = rewriter;
  }

  ObjectNode rewrite(String format, ObjectNode original) {
    ObjectNode body = original.deepCopy();
    switch (format) {
      case "openai" -> openAi(body);
      case "anthropic" -> anthropic(body);
      case "gemini" -> gemini(body);
      default ->
          throw new IllegalArgumentException(
              "cannot redact a body of format '" + format + "': its text fields are unknown");
    }
    return body;
  }

  private void openAi(ObjectNode body) {
    for (JsonNode message : body.path("messages")) {
      if (!(message instanceof ObjectNode object)) {
        continue;
      }
      JsonNode content = object.get("content");
      if (content != null && content.isTextual()) {
        text(object, "content");
      } else if (content instanceof ArrayNode parts) {
        for (JsonNode part : parts) {
          if (part instanceof ObjectNode entry && "text".equals(entry.path("type").asText())) {
            text(entry, "text");
          }
        }
      }
      for (JsonNode call : object.path("tool_calls")) {
        if (call.path("function") instanceof ObjectNode function
            && function.path("arguments").isTextual()) {
          String arguments = function.get("arguments").asText();
          String rewritten = rewriter.sourceArguments(arguments);
          if (!rewritten.equals(arguments)) {
            function.put("arguments", rewritten);
          }
        }
      }
    }
  }

  private void anthropic(ObjectNode body) {
    anthropicContent(body, "system");
    for (JsonNode message : body.path("messages")) {
      if (message instanceof ObjectNode object) {
        anthropicContent(object, "content");
      }
    }
  }

  /** A string, or blocks: text, tool_use input, tool_result content; others left alone. */
  private void anthropicContent(ObjectNode holder, String field) {
    JsonNode content = holder.get(field);
    if (content == null) {
      return;
    }
    if (content.isTextual()) {
      text(holder, field);
      return;
    }
    for (JsonNode block : content) {
      if (!(block instanceof ObjectNode object)) {
        continue;
      }
      switch (object.path("type").asText()) {
        case "text" -> text(object, "text");
        case "tool_use" -> values(object.get("input"));
        case "tool_result" -> anthropicContent(object, "content");
        default -> {
          // thinking (signed), redacted_thinking, media, server tools: never rewritten.
        }
      }
    }
  }

  private void gemini(ObjectNode body) {
    for (JsonNode part : either(body, "systemInstruction", "system_instruction").path("parts")) {
      geminiPart(part);
    }
    for (JsonNode content : body.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        geminiPart(part);
      }
    }
  }

  private void geminiPart(JsonNode part) {
    if (!(part instanceof ObjectNode object) || object.path("thought").asBoolean(false)) {
      return;
    }
    if (object.path("text").isTextual()) {
      text(object, "text");
    }
    values(either(object, "functionCall", "function_call").get("args"));
    values(either(object, "functionResponse", "function_response").get("response"));
  }

  private static JsonNode either(JsonNode node, String camel, String snake) {
    return node.has(camel) ? node.path(camel) : node.path(snake);
  }

  private void text(ObjectNode holder, String field) {
    String text = holder.get(field).asText();
    String rewritten = rewriter.sourceText(text);
    if (!rewritten.equals(text)) {
      holder.put(field, rewritten);
    }
  }

  /** Every string value in a JSON value, recursively; field names stay. */
  private void values(@Nullable JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (object.get(name).isTextual()) {
          text(object, name);
        } else {
          values(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isTextual()) {
          String rewritten = rewriter.sourceText(item.asText());
          if (!rewritten.equals(item.asText())) {
            array.set(i, array.textNode(rewritten));
          }
        } else {
          values(item);
        }
      }
    }
  }
}
