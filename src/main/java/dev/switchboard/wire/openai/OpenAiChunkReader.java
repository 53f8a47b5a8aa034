package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one chat.completion.chunk with Jackson's streaming parser: the fields a stream tap needs,
 * everything else skipped without building a tree. This runs for every chunk of every stream. Each
 * level of the chunk is a small mutable reader, since fields may come in any order.
 */
final class OpenAiChunkReader {
  /**
   * What one chunk says. Pieces are in stream order; usage and error are rare. {@code created} is 0
   * when absent.
   */
  record Chunk(
      String id,
      long created,
      String model,
      Spans spans,
      List<Piece> pieces,
      Optional<JsonNode> usage,
      Optional<JsonNode> error,
      int contentAt) {
    /**
     * Where the JSON string of the content starts when the chunk's only piece is that content, and
     * it has no usage or error (-1 otherwise): a chunk that differs from this one only there says
     * the same but that text ({@link OpenAiRepeatedChunk}).
     */
    Chunk {}
  }

  /**
   * Where the top-level id, created, model and provider values start in the chunk (-1 when absent
   * or not of their usual type), so that a relay can replace them without another parse. A provider
   * that is there but not a string is {@link #NOT_TEXT}.
   */
  record Spans(int id, int created, int model, int provider) {
    static final int NOT_TEXT = -2;
  }

  /**
   * One delta of one choice, in OpenAI's own terms: {@link OpenAiBlocks} numbers them into content
   * blocks.
   */
  sealed interface Piece {
    int choice();

    record Reasoning(int choice, String text) implements Piece {}

    record Content(int choice, String text) implements Piece {}

    record ToolStart(int choice, int tool, String id, String name) implements Piece {}

    record ToolArguments(int choice, int tool, String fragment) implements Piece {}

    record Finish(int choice, String reason) implements Piece {}
  }

  /** Reads the value of one field; the parser stands on that value. */
  @FunctionalInterface
  private interface FieldReader {
    void read(String field, JsonToken value) throws IOException;
  }

  private OpenAiChunkReader() {}

  /**
   * Reads the chunk in {@code data[0, length)}, UTF-8; the spans are byte offsets. The bytes must
   * be valid UTF-8 (a relay splices them as they are).
   */
  static Chunk read(byte[] data, int length) throws IOException {
    try (JsonParser p = Json.factory().createParser(data, 0, length)) {
      return read(p);
    }
  }

  /** Reads the chunk in {@code data}; the spans are char offsets. */
  static Chunk read(String data) throws IOException {
    try (JsonParser p = Json.factory().createParser(data)) {
      return read(p);
    }
  }

  /** {@code chunk}, read from {@code text} by the char parser, with its spans in UTF-8 bytes. */
  static Chunk inBytes(Chunk chunk, String text) {
    Spans at = chunk.spans();
    return new Chunk(
        chunk.id(),
        chunk.created(),
        chunk.model(),
        new Spans(
            utf8Offset(text, at.id()),
            utf8Offset(text, at.created()),
            utf8Offset(text, at.model()),
            utf8Offset(text, at.provider())),
        chunk.pieces(),
        chunk.usage(),
        chunk.error(),
        -1);
  }

  /** The UTF-8 offset of char offset {@code at} (negative: a marker, kept). */
  private static int utf8Offset(String text, int at) {
    return at < 0 ? at : (int) Utf8.length(text, 0, at);
  }

  private static Chunk read(JsonParser p) throws IOException {
    try {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      ChunkParts chunk = new ChunkParts(p);
      fields(p, first, chunk::field);
      if (p.nextToken() != null) {
        throw new IOException("unexpected content after the JSON object");
      }
      return new Chunk(
          chunk.id,
          chunk.created,
          chunk.model,
          new Spans(chunk.idAt, chunk.createdAt, chunk.modelAt, chunk.providerAt),
          chunk.pieces,
          chunk.usage,
          chunk.error,
          chunk.pieces.size() == 1
                  && chunk.pieces.get(0) instanceof Piece.Content
                  && chunk.usage.isEmpty()
                  && chunk.error.isEmpty()
              ? chunk.contentAt
              : -1);
    } catch (NumberFormatException e) {
      throw new IOException(Json.OUT_OF_RANGE, e);
    }
  }

  /** Calls {@code reader} for each field if {@code value} opens an object; skips anything else. */
  private static void fields(JsonParser p, JsonToken value, FieldReader reader) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      reader.read(field, p.nextToken());
    }
  }

  /** Reads one array element; the parser stands on its first token. */
  @FunctionalInterface
  private interface ElementReader {
    void read(JsonToken start) throws IOException;
  }

  /** Calls {@code reader} for each element if {@code value} opens an array; skips anything else. */
  private static void elements(JsonParser p, JsonToken value, ElementReader reader)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken element = p.nextToken();
        element != JsonToken.END_ARRAY;
        element = p.nextToken()) {
      reader.read(element);
    }
  }

  private static final class ChunkParts {
    private final JsonParser p;
    private final List<Piece> pieces = new ArrayList<>(2);
    private String id = "";
    private long created;
    private String model = "";
    private int idAt = -1;
    private int createdAt = -1;
    private int modelAt = -1;
    private int providerAt = -1;
    private int contentAt = -1;
    private Optional<JsonNode> usage = Optional.empty();
    private Optional<JsonNode> error = Optional.empty();

    ChunkParts(JsonParser p) {
      this.p = p;
    }

    void field(String field, JsonToken value) throws IOException {
      switch (field) {
        case "id" -> {
          idAt = value == JsonToken.VALUE_STRING ? start(p) : -1;
          id = text(p, value, id);
        }
        case "created" -> {
          createdAt = value == JsonToken.VALUE_NUMBER_INT ? start(p) : -1;
          created = createdAt >= 0 ? p.getValueAsLong(0) : 0;
        }
        case "model" -> {
          modelAt = value == JsonToken.VALUE_STRING ? start(p) : -1;
          model = text(p, value, model);
        }
        case "provider" -> {
          // OpenRouter's field: an upstream gateway may send it; a relay names its own provider.
          providerAt = value == JsonToken.VALUE_STRING ? start(p) : Spans.NOT_TEXT;
          p.skipChildren();
        }
        case "choices" ->
            elements(
                p,
                value,
                start -> {
                  ChoiceParts choice = new ChoiceParts(p, this);
                  fields(p, start, choice::field);
                  choice.emit();
                });
        case "usage" -> usage = object(p, value);
        case "error" -> error = object(p, value);
        default -> p.skipChildren();
      }
    }
  }

  /** One choice; its index may come after its delta, so the parts are gathered, then emitted. */
  private static final class ChoiceParts {
    private final JsonParser p;
    private final ChunkParts chunk;
    private final List<Piece> pieces;
    private final List<ToolPiece> tools = new ArrayList<>(1);
    private int index;
    private int contentAt = -1;
    private String content = "";
    private String reasoning = "";
    private String finish = "";

    ChoiceParts(JsonParser p, ChunkParts chunk) {
      this.p = p;
      this.chunk = chunk;
      this.pieces = chunk.pieces;
    }

    void field(String field, JsonToken value) throws IOException {
      switch (field) {
        case "index" -> index = p.getValueAsInt(0);
        case "delta" -> fields(p, value, this::delta);
        case "finish_reason" -> finish = text(p, value, "");
        default -> p.skipChildren();
      }
    }

    private void delta(String field, JsonToken value) throws IOException {
      switch (field) {
        case "content" -> {
          contentAt = value == JsonToken.VALUE_STRING ? start(p) : contentAt;
          content = text(p, value, content);
        }
        case "reasoning", "reasoning_content" -> reasoning = text(p, value, reasoning);
        case "tool_calls" ->
            elements(
                p,
                value,
                start -> {
                  ToolPiece piece = new ToolPiece(p);
                  fields(p, start, piece::field);
                  tools.add(piece);
                });
        default -> p.skipChildren();
      }
    }

    /** Adds the choice's pieces once the whole choice object is read. */
    void emit() {
      if (!reasoning.isEmpty()) {
        pieces.add(new Piece.Reasoning(index, reasoning));
      }
      if (!content.isEmpty()) {
        pieces.add(new Piece.Content(index, content));
        chunk.contentAt = contentAt;
      }
      for (ToolPiece tool : tools) {
        tool.emit(index, pieces);
      }
      if (!finish.isEmpty()) {
        pieces.add(new Piece.Finish(index, finish));
      }
    }
  }

  /**
   * One entry of delta.tool_calls: a new call carries an id and a name, later ones argument text.
   */
  private static final class ToolPiece {
    private final JsonParser p;
    private int index;
    private String id = "";
    private String name = "";
    private String arguments = "";

    ToolPiece(JsonParser p) {
      this.p = p;
    }

    void field(String field, JsonToken value) throws IOException {
      switch (field) {
        case "index" -> index = p.getValueAsInt(0);
        case "id" -> id = text(p, value, "");
        case "function" -> fields(p, value, this::function);
        default -> p.skipChildren();
      }
    }

    private void function(String field, JsonToken value) throws IOException {
      switch (field) {
        case "name" -> name = text(p, value, name);
        case "arguments" -> arguments = text(p, value, arguments);
        default -> p.skipChildren();
      }
    }

    void emit(int choice, List<Piece> pieces) {
      if (!id.isEmpty()) {
        pieces.add(new Piece.ToolStart(choice, index, id, name));
      }
      if (!arguments.isEmpty()) {
        pieces.add(new Piece.ToolArguments(choice, index, arguments));
      }
    }
  }

  /** Where the current value starts: in bytes for a parser of bytes, else in chars. */
  private static int start(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return (int) Math.max(at.getByteOffset(), at.getCharOffset());
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
}
