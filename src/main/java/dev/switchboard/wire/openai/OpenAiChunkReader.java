package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one chat.completion.chunk with Jackson's streaming parser: the fields a stream tap needs,
 * everything else skipped without building a tree. This runs for every chunk of every stream.
 */
final class OpenAiChunkReader {
  /** What one chunk says. Events are in stream order; usage and error are rare. */
  record Chunk(
      String id,
      String model,
      List<ChatEvent> events,
      Optional<JsonNode> usage,
      Optional<JsonNode> error) {}

  private OpenAiChunkReader() {}

  static Chunk read(String data) throws IOException {
    try (JsonParser p = Json.factory().createParser(data)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      String id = "";
      String model = "";
      List<ChatEvent> events = new ArrayList<>(2);
      Optional<JsonNode> usage = Optional.empty();
      Optional<JsonNode> error = Optional.empty();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> id = text(p, value, id);
          case "model" -> model = text(p, value, model);
          case "choices" -> choices(p, value, events);
          case "usage" -> usage = object(p, value);
          case "error" -> error = object(p, value);
          default -> p.skipChildren();
        }
      }
      return new Chunk(id, model, events, usage, error);
    }
  }

  private static void choices(JsonParser p, JsonToken value, List<ChatEvent> events)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      choice(p, events);
    }
  }

  /** One choice; its index may come after its delta, so the parts are gathered first. */
  private static void choice(JsonParser p, List<ChatEvent> events) throws IOException {
    int index = 0;
    Delta delta = new Delta();
    String finish = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      switch (field) {
        case "index" -> index = p.getValueAsInt(0);
        case "delta" -> delta.read(p, value);
        case "finish_reason" -> finish = value == JsonToken.VALUE_STRING ? p.getText() : null;
        default -> p.skipChildren();
      }
    }
    delta.emit(index, events);
    if (finish != null) {
      events.add(new ChatEvent.Finished(index, OpenAiFinishReasons.decode(finish)));
    }
  }

  /** The text, reasoning and tool-call pieces of one delta. */
  private static final class Delta {
    private String content = "";
    private String reasoning = "";
    private final List<ToolPiece> tools = new ArrayList<>(1);

    void read(JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken token = p.nextToken();
        switch (field) {
          case "content" -> content = text(p, token, content);
          case "reasoning", "reasoning_content" -> reasoning = text(p, token, reasoning);
          case "tool_calls" -> toolCalls(p, token);
          default -> p.skipChildren();
        }
      }
    }

    private void toolCalls(JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        tools.add(ToolPiece.read(p));
      }
    }

    void emit(int index, List<ChatEvent> events) {
      if (!reasoning.isEmpty()) {
        events.add(new ChatEvent.ReasoningDelta(index, reasoning));
      }
      if (!content.isEmpty()) {
        events.add(new ChatEvent.TextDelta(index, content));
      }
      for (ToolPiece tool : tools) {
        if (tool.id != null) {
          events.add(new ChatEvent.ToolCallStarted(index, tool.index, tool.id, tool.name));
        }
        if (!tool.arguments.isEmpty()) {
          events.add(new ChatEvent.ToolArgumentsDelta(index, tool.index, tool.arguments));
        }
      }
    }
  }

  /**
   * One entry of delta.tool_calls: a new call carries an id and a name, later ones argument text.
   */
  private static final class ToolPiece {
    private int index;
    private String id;
    private String name = "";
    private String arguments = "";

    static ToolPiece read(JsonParser p) throws IOException {
      ToolPiece piece = new ToolPiece();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken value = p.nextToken();
        switch (field) {
          case "index" -> piece.index = p.getValueAsInt(0);
          case "id" -> piece.id = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "function" -> piece.function(p, value);
          default -> p.skipChildren();
        }
      }
      return piece;
    }

    private void function(JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken token = p.nextToken();
        switch (field) {
          case "name" -> name = text(p, token, name);
          case "arguments" -> arguments = text(p, token, arguments);
          default -> p.skipChildren();
        }
      }
    }
  }

  private static String text(JsonParser p, JsonToken value, String otherwise) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return otherwise;
  }

  private static Optional<JsonNode> object(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Optional.empty();
    }
    return Optional.of(Json.mapper().readTree(p));
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected a JSON object, got " + actual);
    }
  }
}
