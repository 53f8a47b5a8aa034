package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bounds on what one client request may ask for, checked while parsing it; a request beyond one is
 * a 400 naming the field. The body size itself is bounded earlier, by the HTTP server (413).
 *
 * @param maxJsonValues JSON values (objects, arrays, strings, numbers, field names; a number once
 *     per 16 characters) in the whole body: keeps the parsed tree of a 1 MB body under 10 MB of
 *     heap
 * @param maxMessages entries of {@code messages}
 * @param maxChoices the highest {@code n} (choices per request)
 * @param maxOutputTokens the highest {@code max_tokens} / {@code max_completion_tokens}
 * @param maxTools entries of {@code tools}
 * @param maxSchemaDepth nesting levels of a tool's parameter schema or a response_format schema
 */
public record RequestLimits(
    int maxJsonValues,
    int maxMessages,
    int maxChoices,
    long maxOutputTokens,
    int maxTools,
    int maxSchemaDepth) {

  /**
   * 60,000 JSON values, 10,000 messages, n up to 128, up to 2^31-1 output tokens, 512 tools,
   * schemas 64 levels deep.
   */
  public static final RequestLimits DEFAULTS =
      new RequestLimits(60_000, 10_000, 128, Integer.MAX_VALUE, 512, 64);

  public RequestLimits {
    if (maxJsonValues < 1
        || maxMessages < 1
        || maxChoices < 1
        || maxOutputTokens < 1
        || maxTools < 0
        || maxSchemaDepth < 1
        || maxSchemaDepth > Json.MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          "request limits must be positive, and schema depth at most " + Json.MAX_NESTING_DEPTH);
    }
  }

  /** A client's body: a JSON object of at most {@link #maxJsonValues} values. */
  public ObjectNode parseBody(byte[] body) throws WireException {
    if (!(Json.tree(body, maxJsonValues) instanceof ObjectNode object)) {
      throw new WireException("the request body must be a JSON object");
    }
    return object;
  }

  /**
   * A client's conversation ({@code messages}, Gemini's {@code contents}): at least one entry, at
   * most {@link #maxMessages}; {@code one} names an entry in the error.
   */
  public void checkMessageCount(JsonNode messages, String field, String one) throws WireException {
    if (messages.isEmpty()) {
      throw new WireException(field + ": at least one " + one + " is required", field, null);
    }
    if (messages.size() > maxMessages) {
      throw new WireException(
          field + ": at most " + maxMessages + " " + field + " are allowed, got " + messages.size(),
          field,
          null);
    }
  }

  /** A client's {@code tools} array, at most {@link #maxTools} entries. */
  public void checkToolCount(JsonNode tools) throws WireException {
    if (tools.size() > maxTools) {
      throw new WireException(
          "tools: at most " + maxTools + " tools are allowed, got " + tools.size(), "tools", null);
    }
  }

  /** A client's schema at {@code path} (tool parameters, response format), the error naming it. */
  public void checkSchemaDepth(JsonNode schema, String path) throws WireException {
    if (schemaTooDeep(schema)) {
      throw new WireException(
          path + ": nested more than " + maxSchemaDepth + " levels deep", path, null);
    }
  }

  /** Whether {@code schema} nests objects and arrays more than {@link #maxSchemaDepth} deep. */
  public boolean schemaTooDeep(JsonNode schema) {
    return depth(schema, maxSchemaDepth) > maxSchemaDepth;
  }

  /** Levels of objects and arrays, counting stops just past {@code limit}. */
  private static int depth(JsonNode node, int limit) {
    if (!node.isContainerNode() || limit < 0) {
      return 0;
    }
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child, limit - 1));
      if (deepest >= limit) {
        break;
      }
    }
    return deepest + 1;
  }
}
