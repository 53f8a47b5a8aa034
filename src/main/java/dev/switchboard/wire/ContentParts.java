package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code content} value the OpenAI and Anthropic formats share: a string (one text part) or an
 * array whose entries the format reads itself, each error naming the entry's path.
 */
public final class ContentParts {
  /** Reads one entry of a content array, at {@code path} (e.g. {@code messages[0].content[2]}). */
  @FunctionalInterface
  public interface Reader {
    Part read(JsonNode entry, String path) throws WireException;
  }

  private ContentParts() {}

  /**
   * {@code content} (not null) as parts; {@code entries} names what the array holds in the error
   * (e.g. "content blocks").
   */
  public static List<Part> read(JsonNode content, String path, String entries, Reader reader)
      throws WireException {
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.asText()));
    }
    if (!content.isArray()) {
      throw new WireException(
          path
              + ": expected a string or an array of "
              + entries
              + ", got "
              + JsonKind.describe(content),
          path,
          null);
    }
    List<Part> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      parts.add(reader.read(content.get(i), path + "[" + i + "]"));
    }
    return parts;
  }
}
