package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.chunks;
import static dev.switchboard.sim.SimHttp.events;
import static dev.switchboard.sim.SimHttp.fieldNames;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimProviderTest extends SimServerTest {

  @Test
  void answersUnary_withOpenAiShapeAndExactTokens() throws Exception {
    HttpResponse<String> response =
        post(sim, "openai", chat("gpt-4o-mini", "Tell me about rivers."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response.body());
    assertThat(fieldNames(body))
        .containsExactly(
            "id",
            "object",
            "created",
            "model",
            "choices",
            "usage",
            "service_tier",
            "system_fingerprint");
    assertThat(body.path("id").asText()).matches("chatcmpl-[A-Za-z0-9]{29}");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("created").asLong())
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    JsonNode choice = body.path("choices").get(0);
    assertThat(fieldNames(choice)).containsExactly("index", "message", "logprobs", "finish_reason");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode message = choice.path("message");
    assertThat(fieldNames(message)).containsExactly("role", "content", "refusal", "annotations");
    String content = message.path("content").asText();
    assertThat(content).matches("[A-Z][a-z ,]+\\..*");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("prompt_tokens").asInt())
        .isEqualTo(3 + 4 + tokens("Tell me about rivers."));
    assertThat(usage.path("completion_tokens").asInt())
        .isEqualTo(tokens(content))
        .isBetween(20, 150);
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    assertThat(usage.path("prompt_tokens_details").toString())
        .isEqualTo("{\"cached_tokens\":0,\"audio_tokens\":0}");
    assertThat(usage.path("completion_tokens_details").toString())
        .isEqualTo(
            "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}");
  }

  @Test
  void streams_roleContentFinishUsageThenDone() throws Exception {
    ObjectNode request = chat("gpt-4o", "Stream please.").put("stream", true);
    request.putObject("stream_options").put("include_usage", true);
    HttpResponse<String> response = post(sim, "openai", request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).startsWith("data: {").endsWith("}\n\ndata: [DONE]\n\n");
    List<String> events = events(response.body());
    assertThat(events.getLast()).isEqualTo("[DONE]");
    List<JsonNode> chunks = chunks(response.body());
    JsonNode first = chunks.getFirst();
    assertThat(first.path("choices").get(0).path("delta").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("id").asText()).isEqualTo(first.path("id").asText());
      assertThat(chunk.path("created").asLong()).isEqualTo(first.path("created").asLong());
      assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o");
      assertThat(chunk.has("usage")).isTrue();
    }
    JsonNode usageChunk = chunks.getLast();
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices").isEmpty()).isTrue();
    JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
    assertThat(finish.path("delta").toString()).isEqualTo("{}");
    assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");

    List<JsonNode> content = chunks.subList(1, chunks.size() - 2);
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : content) {
      assertThat(chunk.path("usage").isNull()).isTrue();
      assertThat(chunk.path("choices").get(0).path("finish_reason").isNull()).isTrue();
      String piece = chunk.path("choices").get(0).path("delta").path("content").asText();
      assertThat(tokens(piece)).isBetween(1, 3);
      text.append(piece);
    }
    assertThat(content).hasSizeGreaterThan(5);
    assertThat(usageChunk.path("usage").path("completion_tokens").asInt())
        .isEqualTo(tokens(text.toString()));
  }

  @Test
  void streams_withoutUsage_whenIncludeUsageIsNotSet() throws Exception {
    HttpResponse<String> response =
        post(sim, "openai", chat("gpt-4o", "No usage.").put("stream", true));

    List<JsonNode> chunks = chunks(response.body());
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("stop");
    assertThat(events(response.body()).getLast()).isEqualTo("[DONE]");
  }

  @Test
  void answersTheSame_toTheSameRequest_andDifferently_toAnother() throws Exception {
    String first = content(post(sim, "openai", chat("gpt-4o", "Same question")));
    String again = content(post(sim, "other", chat("gpt-4o", "Same question")));
    String other = content(post(sim, "openai", chat("gpt-4o", "Another question")));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void streamsTheSameText_asTheUnaryAnswer() throws Exception {
    String unary = content(post(sim, "openai", chat("gpt-4o", "Compare")));
    String streamed =
        streamedText(post(sim, "openai", chat("gpt-4o", "Compare").put("stream", true)), "content");

    assertThat(streamed).isEqualTo(unary);
  }

  @Test
  void stopsWithLength_whenMaxTokensIsReached() throws Exception {
    JsonNode legacy =
        json(post(sim, "openai", chat("gpt-4o", "Long one").put("max_tokens", 5)).body());
    JsonNode modern =
        json(
            post(sim, "openai", chat("gpt-4o", "Long one").put("max_completion_tokens", 7)).body());

    assertThat(legacy.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(legacy.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    assertThat(tokens(legacy.path("choices").get(0).path("message").path("content").asText()))
        .isEqualTo(5);
    assertThat(modern.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void reasons_whenTheModelOrRequestAsksForIt() throws Exception {
    JsonNode body = json(post(sim, "deepseek", chat("deepseek-reasoner", "Why?")).body());
    JsonNode message = body.path("choices").get(0).path("message");
    String reasoning = message.path("reasoning_content").asText();
    JsonNode usage = body.path("usage");

    assertThat(reasoning).isNotBlank();
    assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
        .isEqualTo(tokens(reasoning));
    assertThat(usage.path("completion_tokens").asInt())
        .isEqualTo(tokens(reasoning) + tokens(message.path("content").asText()));
    JsonNode byEffort =
        json(post(sim, "openai", chat("o4-mini", "Why?").put("reasoning_effort", "low")).body());
    assertThat(
            byEffort
                .path("usage")
                .path("completion_tokens_details")
                .path("reasoning_tokens")
                .asInt())
        .isPositive();
    JsonNode plain = json(post(sim, "openai", chat("gpt-4o", "Why?")).body());
    assertThat(plain.path("choices").get(0).path("message").has("reasoning_content")).isFalse();
  }

  @Test
  void streamsReasoningFirst_asReasoningContent() throws Exception {
    ObjectNode request = chat("glm-4.6-thinking", "Think").put("stream", true);
    request.putObject("stream_options").put("include_usage", true);
    HttpResponse<String> response = post(sim, "zhipu", request);

    List<String> kinds = new ArrayList<>();
    for (JsonNode chunk : chunks(response.body())) {
      JsonNode delta = chunk.path("choices").path(0).path("delta");
      kinds.add(
          delta.hasNonNull("reasoning_content")
              ? "r"
              : delta.path("content").asText().isEmpty() ? "-" : "c");
    }
    assertThat(String.join("", kinds)).matches("-r+c+--");
    String reasoning = streamedText(response, "reasoning_content");
    JsonNode usage = chunks(response.body()).getLast().path("usage");
    assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
        .isEqualTo(tokens(reasoning));
    assertThat(usage.path("completion_tokens").asInt())
        .isEqualTo(tokens(reasoning) + tokens(streamedText(response, "content")));
  }

  @Test
  void recordsEveryRequest_withLowerCaseHeaders() throws Exception {
    sim.clearRequests();
    post(sim, "kimi", chat("kimi-k2", "Record me"), "X-Custom-Header", "Yes");
    post(
        "http://127.0.0.1:" + sim.port() + "/v1/chat/completions",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    List<RecordedRequest> requests = sim.requests();
    assertThat(requests).hasSize(2);
    RecordedRequest first = requests.getFirst();
    assertThat(first.providerId()).isEqualTo("kimi");
    assertThat(first.path()).isEqualTo("/kimi/v1/chat/completions");
    assertThat(first.headers())
        .containsEntry("authorization", "Bearer sk-test")
        .containsEntry("x-custom-header", "Yes");
    assertThat(json(first.body()).path("model").asText()).isEqualTo("kimi-k2");
    assertThat(requests.get(1).providerId()).isEqualTo("default");
    sim.clearRequests();
    assertThat(sim.requests()).isEmpty();
  }

  @Test
  void namesBaseUrl_perProvider() {
    assertThat(sim.baseUrl("deepseek"))
        .isEqualTo("http://127.0.0.1:" + sim.port() + "/deepseek/v1");
    assertThat(sim.port()).isPositive();
  }

  static String content(HttpResponse<String> response) throws Exception {
    return json(response.body()).path("choices").get(0).path("message").path("content").asText();
  }

  static String streamedText(HttpResponse<String> response, String field) throws Exception {
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks(response.body())) {
      JsonNode value = chunk.path("choices").path(0).path("delta").path(field);
      if (value.isTextual()) {
        text.append(value.asText());
      }
    }
    return text.toString();
  }
}
