package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import org.junit.jupiter.api.Test;

class SimPromptCacheTest extends SimServerTest {
  private static final String LONG_SYSTEM =
      "You are a meticulous assistant who answers in plain words. ".repeat(120);

  @Test
  void reportsCachedTokens_whenALongPrefixRepeats() throws Exception {
    int prefix = 4 + tokens(LONG_SYSTEM);
    assertThat(prefix).isGreaterThan(1024);

    int first = cached("openai", conversation("alpha", "First question"));
    int second = cached("openai", conversation("alpha", "Second question"));
    int otherProvider = cached("azure", conversation("alpha", "Second question"));

    assertThat(first).isZero();
    assertThat(second).isEqualTo(prefix / 128 * 128);
    assertThat(otherProvider).isZero();
  }

  @Test
  void cachesTheEarlierTurns_ofAGrowingConversation() throws Exception {
    ObjectNode turn1 = conversation("beta", "What is a river?");
    int firstTurn = cached("openai", turn1);
    ArrayNode messages = (ArrayNode) turn1.path("messages");
    messages.addObject().put("role", "assistant").put("content", "Water that flows.");
    messages.addObject().put("role", "user").put("content", "And a lake?");

    int secondTurn = cached("openai", turn1);

    int turn1Prefix = 4 + tokens("beta" + LONG_SYSTEM) + 4 + tokens("What is a river?");
    assertThat(firstTurn).isZero();
    assertThat(secondTurn).isEqualTo(turn1Prefix / 128 * 128);
  }

  @Test
  void reportsNoCache_forShortPrefixes() throws Exception {
    ObjectNode request = SimHttp.chat("gpt-4o", "short");
    ((ArrayNode) request.path("messages"))
        .insertObject(0)
        .put("role", "system")
        .put("content", "Be brief.");

    cached("openai", request);

    assertThat(cached("openai", request)).isZero();
  }

  private static ObjectNode conversation(String tag, String question) {
    ObjectNode request = Json.object().put("model", "gpt-4o");
    ArrayNode messages = request.putArray("messages");
    messages.addObject().put("role", "system").put("content", tag + LONG_SYSTEM);
    messages.addObject().put("role", "user").put("content", question);
    return request;
  }

  private static int cached(String providerId, ObjectNode request) throws Exception {
    return json(post(sim, providerId, request).body())
        .path("usage")
        .path("prompt_tokens_details")
        .path("cached_tokens")
        .asInt(-1);
  }
}
