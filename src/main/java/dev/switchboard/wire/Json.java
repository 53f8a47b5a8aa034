package dev.switchboard.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON (and YAML) configuration of the project. Every ObjectMapper is built here, so number
 * handling (BigDecimal for floats, exact money) and unknown-field tolerance are the same
 * everywhere.
 */
public final class Json {
  /**
   * Objects and arrays nest at most this deep in any JSON we read (Jackson's default is 1000):
   * deeper trees only serve to exhaust the stack of whoever walks them.
   */
  public static final int MAX_NESTING_DEPTH = 128;

  /** A number BigDecimal cannot hold; public for the streaming readers of the formats. */
  public static final String OUT_OF_RANGE = "malformed JSON: a number is out of range";

  private static final String NOT_TEXT = "malformed JSON: the body is not UTF-8 text";

  private static final ObjectMapper JSON = jsonMapper(true);

  /**
   * For client bodies, whose field names the client chooses: sharing names through Jackson's symbol
   * table cost some 200 bytes of heap per distinct name, so a body of unique names grew 30 times
   * its size. Each name is a plain String here.
   */
  private static final ObjectMapper CLIENT_JSON = jsonMapper(false);

  /**
   * Up to this size a client body is parsed with the shared symbol table, which parses a coding
   * agent's 80 KB conversation in half the time (91 against 183 us in UpstreamBodyBench): its few
   * names are read once, not built as a String at each of thousands of occurrences. The worst body
   * of this size, all distinct names, costs under 5 MB while it is parsed (RequestMemoryTest), less
   * than a 1 MB body may; Jackson keeps no more than 6,000 names in the table between parses.
   */
  public static final int SMALL_BODY = 128 * 1024;

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new Jdk8Module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  private static ObjectMapper jsonMapper(boolean canonicalizeNames) {
    return JsonMapper.builder(
            JsonFactory.builder()
                .configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, canonicalizeNames)
                // Interning would let bodies grow the JVM's string table.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build())
        .addModule(new Jdk8Module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        // A relayed number keeps the digits it came with (1.50 stays 1.50), and stripping zeros
        // cost a second BigDecimal per number: a body of decimals doubled its heap cost.
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  /** The shared JSON mapper; thread-safe. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** The shared YAML mapper (configuration and catalog files). */
  public static ObjectMapper yaml() {
    return YAML;
  }

  public static JsonFactory factory() {
    return JSON.getFactory();
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * Parses one JSON value; a syntax error, or anything but whitespace after the value, becomes a
   * WireException whose message is safe to show a client.
   */
  public static JsonNode tree(byte[] json) throws WireException {
    return tree(json, Long.MAX_VALUE);
  }

  /**
   * As {@link #tree(byte[])}, refusing a body of more than {@code maxValues} JSON values (field
   * names count, a number counts once per 16 characters) before any tree is built: the tree costs
   * far more heap than the text.
   */
  public static JsonNode tree(byte[] json, long maxValues) throws WireException {
    // Every counted value takes at least two bytes ("1," or "[]"), so a shorter body cannot break
    // the budget: the counting pass, a second tokenisation, is for large bodies only (hot path).
    boolean count = json.length / 2 + 1 > maxValues;
    // Small bodies hold few names, so the symbol table (fast, shared) is safe for them.
    ObjectMapper mapper =
        json.length > SMALL_BODY && maxValues < Long.MAX_VALUE ? CLIENT_JSON : JSON;
    try {
      if (count) {
        checkValueCount(json, maxValues);
      }
      try (JsonParser p = mapper.createParser(json)) {
        if (p.nextToken() == null) {
          throw new WireException("the body is empty; expected a JSON object");
        }
        JsonNode node = mapper.readTree(p);
        rejectTrailingContent(p, node);
        return node;
      }
    } catch (JsonProcessingException e) {
      throw new WireException(problem(e), e);
    } catch (NumberFormatException e) {
      // An exponent beyond BigDecimal's range: Jackson checks digits, not magnitude.
      throw new WireException(OUT_OF_RANGE, e);
    } catch (CharConversionException e) {
      // Nul bytes make Jackson guess UTF-16 or UTF-32, whose decoders fail this way.
      throw new WireException(NOT_TEXT, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Jackson parse error as one sentence for a client: where and what, no library internals. */
  public static String problem(JsonProcessingException e) {
    return JsonProblems.describe(e);
  }

  private static void checkValueCount(byte[] json, long maxValues)
      throws IOException, WireException {
    long values = 0;
    int depth = 0;
    try (JsonParser p = CLIENT_JSON.createParser(json)) {
      // Up to the end of the first value only: what follows is for rejectTrailingContent.
      for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
        if (token.isStructEnd()) {
          depth--;
        } else if ((values += weight(p, token)) > maxValues) {
          throw new WireException(
              "the body holds more than " + maxValues + " JSON values; send a smaller request");
        } else if (token.isStructStart()) {
          depth++;
        }
        if (depth == 0) {
          return;
        }
      }
    }
  }

  /** A long number costs more heap than a short one (BigDecimal, BigInteger): one per 16 chars. */
  private static int weight(JsonParser p, JsonToken token) throws IOException {
    return token.isNumeric() ? 1 + p.getTextLength() / 16 : 1;
  }

  private static void rejectTrailingContent(JsonParser p, JsonNode node) throws WireException {
    String what = node.isObject() ? "object" : node.isArray() ? "array" : "value";
    try {
      if (p.nextToken() == null) {
        return;
      }
    } catch (IOException e) {
      // Garbage that is not even a token or text: the same problem for the client.
    }
    throw new WireException("unexpected content after the JSON " + what);
  }

  public static JsonNode tree(String json) throws WireException {
    return tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String string(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
