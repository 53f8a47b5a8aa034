package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutgoingBodyTest {
  // Pretty-printed, with strings that hold every character the splice must not take for structure.
  private static final String CLIENT =
      """
      {
        "model" : "deepseek/deepseek-v3.2",
        "messages": [ {"role": "user", "content": "a {brace}, a [bracket], a \\"quote\\", a: colon \\\\"} ],
        "provider": {"sort": "price"},
        "temperature":0.50 ,
        "stream_options": {"include_obfuscation": false}
      }
      """;

  @Test
  void aRelayedBody_keepsTheClientsBytesForEveryMemberItDoesNotChange() throws Exception {
    OutgoingBody body =
        OutgoingBody.relaying(source(CLIENT))
            .remove(List.of("provider", "models"))
            .put("model", "deepseek-chat")
            .put("stream", true);
    body.object("stream_options").put("include_usage", true);

    String sent = new String(body.bytes(), StandardCharsets.UTF_8);

    assertThat(sent)
        .isEqualTo(
            "{\"model\":\"deepseek-chat\","
                + "\"messages\": [ {\"role\": \"user\", \"content\": \"a {brace}, a [bracket],"
                + " a \\\"quote\\\", a: colon \\\\\"} ],"
                + "\"temperature\":0.50,"
                + "\"stream_options\":{\"include_obfuscation\":false,\"include_usage\":true},"
                + "\"stream\":true}");
  }

  @Test
  void aRelayedBody_saysWhatTheSameChangesToTheTreeSay() throws Exception {
    ChatRequest.Source source = source(CLIENT);
    OutgoingBody spliced = OutgoingBody.relaying(source);
    OutgoingBody written = OutgoingBody.relaying(withoutBytes(source));
    ObjectNode expected = source.body().deepCopy();
    for (OutgoingBody body : List.of(spliced, written)) {
      body.remove("provider").put("max_completion_tokens", 100).put("model", "m");
    }
    expected.remove("provider");
    expected.put("max_completion_tokens", 100).put("model", "m");

    assertThat(Json.tree(spliced.bytes())).isEqualTo(expected);
    assertThat(Json.tree(written.bytes())).isEqualTo(expected);
  }

  @Test
  void theClientsBody_isNeverChanged() throws Exception {
    ChatRequest.Source source = source(CLIENT);
    JsonNode before = source.body().deepCopy();
    OutgoingBody body = OutgoingBody.relaying(source).remove("messages").put("model", "m");
    body.object("stream_options").put("include_usage", true);
    body.object("provider").remove("sort");
    body.bytes();

    assertThat(source.body()).isEqualTo(before);
  }

  @Test
  void aNameTwiceInOneObject_isSentOnce_asTheTreeAndThePolicyReadIt() throws Exception {
    String twice =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"unscanned\","
            + "\"content\":\"scanned\"}]}";
    ChatRequest.Source source = source(twice);

    assertThat(source.bytes().orElseThrow().members()).as("bytes that say two things").isEmpty();
    String sent = new String(OutgoingBody.relaying(source).bytes(), StandardCharsets.UTF_8);
    assertThat(sent).doesNotContain("unscanned").contains("scanned");
  }

  @Test
  void removingWhatIsNotThere_orPuttingItBackAfterARemoval_behavesAsOnATree() throws Exception {
    OutgoingBody body =
        OutgoingBody.relaying(source("{\"a\":1,\"b\":2}")).remove("c").remove("a").put("a", 3);

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":3,\"b\":2}");
    assertThat(body.has("c")).isFalse();
    assertThat(body.path("a").asInt()).isEqualTo(3);
  }

  @Test
  void aBodyTheFormatBuilt_isChangedInPlace() {
    ObjectNode built = Json.object().put("model", "x");
    OutgoingBody body = OutgoingBody.of(built).put("model", "y").put("stream", true);

    assertThat(built.get("model").asText()).isEqualTo("y");
    assertThat(body.bytes()).isEqualTo(Json.bytes(built));
  }

  @Test
  void anEmptyObject_getsItsNewMembers() throws Exception {
    assertThat(new String(OutgoingBody.relaying(source(" { } ")).put("n", 1).bytes()))
        .isEqualTo("{\"n\":1}");
    assertThat(new String(OutgoingBody.relaying(source("{}")).bytes())).isEqualTo("{}");
  }

  @Test
  void randomBodies_splicedOrWritten_sayWhatTheirTreesSay() throws Exception {
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      ObjectNode tree = randomObject(random, 0);
      String json =
          random.nextBoolean()
              ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree)
              : Json.string(tree);
      ChatRequest.Source source = source(json);
      assertThat(source.bytes().orElseThrow().members()).as("seed %d", seed).isPresent();
      String removed = "k" + random.nextInt(6);
      OutgoingBody body = OutgoingBody.relaying(source).remove(removed).put("model", "m");
      ObjectNode expected = tree.deepCopy();
      expected.remove(removed);
      expected.put("model", "m");

      assertThat(Json.tree(body.bytes())).as("seed %d: %s", seed, json).isEqualTo(expected);
    }
  }

  // Strings hold quotes, backslashes and multi-byte characters at every offset within 8 bytes.
  private static ObjectNode randomObject(Random random, int depth) {
    ObjectNode object = Json.object();
    int members = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < members; i++) {
      String name = "k" + i + (random.nextInt(4) == 0 ? "\"\\é" : "");
      switch (random.nextInt(depth < 3 ? 5 : 3)) {
        case 0 -> object.put(name, randomText(random));
        case 1 -> object.put(name, random.nextInt(2000) - 1000);
        case 2 -> object.putNull(name);
        case 3 -> object.set(name, randomObject(random, depth + 1));
        default ->
            object.putArray(name).add(randomObject(random, depth + 1)).add(randomText(random));
      }
    }
    return object;
  }

  private static String randomText(Random random) {
    String[] pieces = {
      "a", "bc", "\"", "\\", "é", "中", "\uD83D\uDE00", "{", "}", ",", ":", " ", "\n"
    };
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  private static ChatRequest.Source source(String json) throws WireException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new ChatRequest.Source("openai", (ObjectNode) Json.tree(bytes)).parsedFrom(bytes);
  }

  private static ChatRequest.Source withoutBytes(ChatRequest.Source source) {
    return new ChatRequest.Source(source.format(), source.body());
  }
}
