package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import io.vertx.json.schema.Draft;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaSamplerTest {
  private static final int SEEDS = 40;

  @ParameterizedTest
  @ValueSource(
      strings = {
        """
        {"type":"integer","minimum":-5,"maximum":5}""",
        """
        {"type":"integer","exclusiveMinimum":10,"multipleOf":7}""",
        """
        {"type":"integer","maximum":-1000}""",
        """
        {"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}""",
        """
        {"type":"number","minimum":0.5,"maximum":2,"multipleOf":0.25}""",
        """
        {"type":"number","multipleOf":0.1}""",
        """
        {"type":"string","minLength":30,"maxLength":40}""",
        """
        {"type":"string","maxLength":3}""",
        """
        {"type":"string","format":"date-time"}""",
        """
        {"type":"string","format":"date"}""",
        """
        {"type":"string","format":"email"}""",
        """
        {"type":"string","format":"uri"}""",
        """
        {"type":"string","format":"uuid"}""",
        """
        {"type":"string","format":"ipv4"}""",
        """
        {"type":"boolean"}""",
        """
        {"type":"null"}""",
        """
        {"enum":["red","green",3,null]}""",
        """
        {"const":{"fixed":["value"]}}""",
        """
        {"type":["string","null"],"enum":["a","b",null]}""",
        """
        {"type":"object","additionalProperties":false,"required":["name","age","tags","address"],
         "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0,"maximum":150},
          "nickname":{"type":"string"},
          "tags":{"type":"array","items":{"type":"string","enum":["a","b","c"]},"minItems":2,
                  "maxItems":3,"uniqueItems":true},
          "address":{"type":"object","additionalProperties":false,"required":["city","zip"],
                     "properties":{"city":{"type":"string"},"zip":{"type":"string","minLength":5}}}}}""",
        """
        {"type":"object","properties":{"when":{"type":"string","format":"date-time"},
          "score":{"type":"number"},"ok":{"type":"boolean"},"list":{"type":"array"}}}""",
        """
        {"type":"object","required":["id","extra"],"minProperties":4,
         "properties":{"id":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}""",
        """
        {"type":"array","prefixItems":[{"type":"integer"},{"type":"string","format":"email"}],
         "items":false}""",
        """
        {"type":"array","items":{"type":"array","items":{"type":"integer"},"minItems":3},
         "minItems":5,"maxItems":5}""",
        """
        {"anyOf":[{"type":"null"},{"type":"object","required":["a"],
          "properties":{"a":{"type":"integer","minimum":3}}}]}""",
        """
        {"oneOf":[{"type":"string","format":"email"},{"type":"integer"}]}""",
        """
        {"allOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}},
                  {"required":["b"],"properties":{"b":{"type":"integer"}}}]}""",
        """
        {"type":"object","required":["shipTo","billTo"],
         "properties":{"shipTo":{"$ref":"#/$defs/address"},"billTo":{"$ref":"#/definitions/address"}},
         "$defs":{"address":{"type":"object","required":["street"],"additionalProperties":false,
                             "properties":{"street":{"type":"string"},"country":{"const":"NL"}}}},
         "definitions":{"address":{"$ref":"#/$defs/address"}}}""",
        """
        {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","required":["name","children"],
          "properties":{"name":{"type":"string"},
            "children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}"""
      })
  void samplesValidateAgainstTheirSchema(String schemaText) throws Exception {
    JsonNode schema = json(schemaText);
    for (int seed = 0; seed < SEEDS; seed++) {
      JsonNode value = SchemaSampler.sample(schema, new SplittableRandom(seed));

      assertThat(SchemaCheck.errors(schema, value)).as("seed %d: %s", seed, value).isEmpty();
    }
  }

  @Test
  void honoursDraft4BooleanExclusiveBounds() throws Exception {
    JsonNode schema =
        json(
            """
            {"type":"object","required":["n"],"properties":{"n":{"type":"integer","minimum":1,
             "exclusiveMinimum":true,"maximum":3,"exclusiveMaximum":true}}}""");
    for (int seed = 0; seed < SEEDS; seed++) {
      JsonNode value = SchemaSampler.sample(schema, new SplittableRandom(seed));

      assertThat(value.path("n").asInt()).isEqualTo(2);
      assertThat(SchemaCheck.errors(schema, value, Draft.DRAFT4)).isEmpty();
    }
  }

  @Test
  void theCheckerRejectsWhatTheSchemaForbids() throws Exception {
    // Guards the test above: a checker that accepted everything would make it pass vacuously.
    assertThat(
            SchemaCheck.errors(
                json("{\"type\":\"string\",\"format\":\"date-time\"}"), json("\"x\"")))
        .isNotEmpty();
    assertThat(
            SchemaCheck.errors(
                json("{\"type\":\"object\",\"required\":[\"a\"],\"additionalProperties\":false}"),
                json("{\"b\":1}")))
        .isNotEmpty();
  }

  @Test
  void isDeterministicPerSeed_andVariesAcrossSeeds() throws Exception {
    JsonNode schema =
        json(
            """
            {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"},
              "unit":{"enum":["celsius","fahrenheit"]}}}""");
    Set<JsonNode> distinct = new HashSet<>();
    for (int seed = 0; seed < 10; seed++) {
      JsonNode first = SchemaSampler.sample(schema, new SplittableRandom(seed));

      assertThat(SchemaSampler.sample(schema, new SplittableRandom(seed))).isEqualTo(first);
      distinct.add(first);
    }
    assertThat(distinct).hasSizeGreaterThan(5);
  }

  @Test
  void staysBounded_onSelfReferencesAndEndlessNesting() throws Exception {
    JsonNode loop =
        json(
            "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}");
    assertThat(SchemaSampler.sample(loop, new SplittableRandom(1))).isNotNull();
    assertThat(SchemaSampler.sample(json("{\"$ref\":\"#\"}"), new SplittableRandom(1))).isNotNull();
    JsonNode recursiveRequired =
        json(
            """
            {"type":"object","required":["next"],"properties":{"next":{"$ref":"#"}}}""");
    assertThat(depth(SchemaSampler.sample(recursiveRequired, new SplittableRandom(1))))
        .isLessThanOrEqualTo(SchemaSampler.MAX_DEPTH + 1);

    ObjectNode deep = Json.object().put("type", "string");
    for (int i = 0; i < 20_000; i++) {
      ObjectNode outer = Json.object().put("type", "object");
      outer.putArray("required").add("x");
      outer.putObject("properties").set("x", deep);
      deep = outer;
    }
    assertThat(depth(SchemaSampler.sample(deep, new SplittableRandom(1))))
        .isLessThanOrEqualTo(SchemaSampler.MAX_DEPTH + 1);
  }

  @Test
  void capsTheNumberOfValues_whenNestedArraysDemandMillions() throws Exception {
    ObjectNode huge = Json.object().put("type", "integer");
    for (int i = 0; i < 8; i++) {
      ObjectNode array = Json.object().put("type", "array").put("minItems", 1_000_000);
      array.set("items", huge);
      huge = array;
    }

    JsonNode value = SchemaSampler.sample(huge, new SplittableRandom(1));

    assertThat(Json.string(value).length()).isLessThan(100_000);
  }

  private static int depth(JsonNode value) {
    int deepest = 0;
    for (JsonNode child : value) {
      deepest = Math.max(deepest, depth(child));
    }
    return value.isContainerNode() ? deepest + 1 : 0;
  }
}
