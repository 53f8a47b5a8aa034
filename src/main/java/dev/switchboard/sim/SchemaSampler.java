package dev.switchboard.sim;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Seeded JSON values that validate against a JSON schema, for tool arguments and structured output:
 * type (unions take the first non-null member), enum, const, required, nested objects,
 * additionalProperties, arrays with items or prefixItems, min/maxItems, uniqueItems, anyOf and
 * oneOf (first non-null branch), allOf (merged), {@code $ref} into the same document, and the
 * scalar bounds and formats of {@link SchemaScalars}. {@code pattern} is not honoured.
 *
 * <p>A request's schema is hostile input, so depth, {@code $ref} hops and the number of values are
 * bounded: past a bound, objects and arrays come out empty rather than overflowing the stack.
 */
final class SchemaSampler {
  static final int MAX_DEPTH = 32;
  static final int MAX_VALUES = 2_000;
  static final int MAX_ITEMS = 100;
  // Below this depth only what the schema demands is generated, so recursive schemas (trees)
  // end in valid leaves long before MAX_DEPTH.
  private static final int GENEROUS_DEPTH = 5;
  private static final int MAX_REF_HOPS = 16;
  private static final Set<String> COMBINATORS = Set.of("allOf", "anyOf", "oneOf");
  private final JsonNode root;
  private final SplittableRandom random;
  private int values;

  private SchemaSampler(JsonNode root, SplittableRandom random) {
    this.root = root;
    this.random = random;
  }

  /** A value valid against {@code schema}, which is also the root its {@code $ref}s point into. */
  static JsonNode sample(JsonNode schema, SplittableRandom random) {
    return new SchemaSampler(schema, random).value(schema, 0);
  }

  private JsonNode value(JsonNode declared, int depth) {
    values++;
    JsonNode schema = resolve(declared);
    boolean spent = depth >= MAX_DEPTH || values >= MAX_VALUES;
    if (schema.isBoolean()) {
      // true accepts anything; false accepts nothing, so any value is as good as another.
      return schema.asBoolean() ? SchemaScalars.string(Json.object(), random) : NullNode.instance;
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    JsonNode choices = schema.path("enum");
    if (choices.isArray() && !choices.isEmpty()) {
      return choices.get(random.nextInt(choices.size()));
    }
    if (!spent && COMBINATORS.stream().anyMatch(schema::has)) {
      return value(combined(schema), depth + 1);
    }
    return switch (type(schema)) {
      case "object" -> spent ? Json.object() : object(schema, depth);
      case "array" -> spent ? Json.array() : array(schema, depth);
      case "integer" -> SchemaScalars.integer(schema, random);
      case "number" -> SchemaScalars.number(schema, random);
      case "boolean" -> BooleanNode.valueOf(random.nextBoolean());
      case "null" -> NullNode.instance;
      default -> SchemaScalars.string(schema, random);
    };
  }

  /**
   * Required properties always; every declared property when the schema lists none as required (a
   * model fills a loose schema); more only to reach minProperties.
   */
  private ObjectNode object(JsonNode schema, int depth) {
    ObjectNode object = Json.object();
    JsonNode properties = schema.path("properties");
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    boolean fillAll = !schema.path("required").isArray() && depth < GENEROUS_DEPTH;
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      if (fillAll || required.contains(property.getKey())) {
        object.set(property.getKey(), value(property.getValue(), depth + 1));
      }
    }
    JsonNode extra = schema.path("additionalProperties");
    JsonNode extraSchema = extra.isObject() ? extra : Json.object();
    for (String name : required) {
      if (!object.has(name)) {
        object.set(
            name,
            value(
                properties.path(name).isMissingNode() ? extraSchema : properties.path(name),
                depth + 1));
      }
    }
    int minimum = Math.min(schema.path("minProperties").asInt(0), MAX_ITEMS);
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      if (object.size() >= minimum) {
        break;
      }
      object.putIfAbsent(property.getKey(), value(property.getValue(), depth + 1));
    }
    boolean closed = extra.isBoolean() && !extra.asBoolean();
    for (int i = 1; object.size() < minimum && !closed; i++) {
      object.putIfAbsent("field" + i, value(extraSchema, depth + 1));
    }
    return object;
  }

  /**
   * Tuple members from prefixItems (or a draft-4 items array), then 1 to 3 items near the top and
   * minItems deeper down, within the bounds.
   */
  private ArrayNode array(JsonNode schema, int depth) {
    JsonNode items = schema.path("items");
    JsonNode prefix = schema.has("prefixItems") ? schema.path("prefixItems") : items;
    if (!prefix.isArray()) {
      prefix = Json.array();
    }
    JsonNode rest = items.isArray() ? schema.path("additionalItems") : items;
    if (rest.isMissingNode()) {
      rest = Json.object();
    }
    int min = Math.clamp(schema.path("minItems").asInt(0), 0, MAX_ITEMS);
    int max = Math.clamp(schema.path("maxItems").asInt(MAX_ITEMS), min, MAX_ITEMS);
    int wanted = Math.max(prefix.size(), depth < GENEROUS_DEPTH ? 1 + random.nextInt(3) : 0);
    int count = Math.clamp(wanted, min, max);
    if (rest.isBoolean() && !rest.asBoolean()) {
      count = Math.min(count, prefix.size());
    }
    boolean unique = schema.path("uniqueItems").asBoolean(false);
    ArrayNode array = Json.array();
    // A unique array of a small enum may not reach count; the tries stop that loop.
    for (int tries = 0; array.size() < count && tries < count * 4; tries++) {
      int index = array.size();
      JsonNode item = value(index < prefix.size() ? prefix.get(index) : rest, depth + 1);
      if (!unique || !contains(array, item)) {
        array.add(item);
      }
    }
    return array;
  }

  /** The schema with its allOf merged in and the first non-null anyOf/oneOf branch. */
  private JsonNode combined(JsonNode schema) {
    ObjectNode merged = Json.object();
    schema
        .properties()
        .forEach(
            field -> {
              if (!COMBINATORS.contains(field.getKey())) {
                merged.set(field.getKey(), field.getValue());
              }
            });
    for (JsonNode part : schema.path("allOf")) {
      mergeInto(merged, resolve(part));
    }
    for (String choice : new String[] {"anyOf", "oneOf"}) {
      JsonNode branch = firstNonNull(schema.path(choice));
      if (branch != null) {
        mergeInto(merged, resolve(branch));
      }
    }
    return merged;
  }

  private static void mergeInto(ObjectNode target, JsonNode part) {
    if (!part.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : part.properties()) {
      JsonNode mine = target.get(field.getKey());
      if (field.getKey().equals("properties") && mine instanceof ObjectNode properties) {
        ObjectNode union = properties.deepCopy();
        field.getValue().properties().forEach(p -> union.set(p.getKey(), p.getValue()));
        target.set("properties", union);
      } else if (field.getKey().equals("required") && mine instanceof ArrayNode names) {
        ArrayNode union = names.deepCopy();
        field
            .getValue()
            .forEach(
                name -> {
                  if (!contains(union, name)) {
                    union.add(name);
                  }
                });
        target.set("required", union);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static @Nullable JsonNode firstNonNull(JsonNode branches) {
    JsonNode first = null;
    for (JsonNode branch : branches) {
      if (!"null".equals(branch.path("type").asText())) {
        return branch;
      }
      first = first == null ? branch : first;
    }
    return first;
  }

  /** Follows $ref into this document; an unknown or looping reference accepts anything. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; current.path("$ref").isTextual(); hops++) {
      String ref = current.path("$ref").asText();
      if (hops == MAX_REF_HOPS || !ref.startsWith("#")) {
        return Json.object();
      }
      try {
        current = root.at(JsonPointer.compile(ref.substring(1)));
      } catch (IllegalArgumentException e) {
        return Json.object();
      }
    }
    return current.isMissingNode() ? Json.object() : current;
  }

  /** The schema's type; for a union such as ["string","null"] the first non-null member. */
  static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode member : type) {
        if (!"null".equals(member.asText())) {
          return member.asText();
        }
      }
      return type.isEmpty() ? "string" : "null";
    }
    if (type.isTextual()) {
      return type.asText();
    }
    if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
      return "object";
    }
    if (schema.has("items") || schema.has("prefixItems") || schema.has("minItems")) {
      return "array";
    }
    return schema.has("minimum") || schema.has("maximum") ? "number" : "string";
  }

  private static boolean contains(ArrayNode array, JsonNode value) {
    for (JsonNode member : array) {
      if (member.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
