package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.chunks;
import static dev.switchboard.sim.SimHttp.events;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimFaultTest extends SimServerTest {

  @Test
  void parsesEverySpec_andRejectsUnknownOnes() {
    assertThat(Fault.parse("status-429")).isEqualTo(new Fault.Status(429));
    assertThat(Fault.parse("slow-first-token-250"))
        .isEqualTo(new Fault.SlowFirstToken(Duration.ofMillis(250)));
    assertThat(Fault.parse("disconnect-before-headers"))
        .isInstanceOf(Fault.DisconnectBeforeHeaders.class);
    assertThat(Fault.parse("disconnect-mid-stream")).isInstanceOf(Fault.DisconnectMidStream.class);
    assertThat(Fault.parse("stall-after-first-event"))
        .isInstanceOf(Fault.StallAfterFirstEvent.class);
    assertThat(Fault.parse("no-usage")).isInstanceOf(Fault.NoUsage.class);
    assertThat(Fault.parse("no-terminal")).isInstanceOf(Fault.NoTerminal.class);
    assertThat(Fault.parse("malformed-event")).isInstanceOf(Fault.MalformedEvent.class);
    assertThat(Fault.parse("error-in-stream")).isInstanceOf(Fault.ErrorInStream.class);
    assertThat(Fault.parse("content-filter")).isInstanceOf(Fault.ContentFilter.class);
    for (String bad :
        List.of(
            "status-200",
            "status-abc",
            "slow-first-token-",
            "slow-first-token--5",
            "explode",
            "")) {
      assertThatThrownBy(() -> Fault.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void cutsTheAnswer_withContentFilter_onAContentFilterFault() throws Exception {
    JsonNode choice =
        json(post(sim, "openai", chat("gpt-4o", "Tell me a story"), "x-sim-fault", "content-filter")
                .body())
            .path("choices")
            .get(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
    assertThat(SimHttp.tokens(choice.path("message").path("content").asText())).isLessThan(4);
  }

  @Test
  void answersStatusFaults_withOpenAiBodiesAndRetryAfter() throws Exception {
    HttpResponse<String> limited =
        post(sim, "openai", chat("gpt-4o", "hi"), "x-sim-fault", "status-429");
    HttpResponse<String> failed = post(sim, "openai", chat("gpt-4o+fault=status-500", "hi"));
    HttpResponse<String> overloaded = post(sim, "openai", chat("gpt-4o+fault=status-503", "hi"));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
    assertThat(json(limited.body()).path("error").path("code").asText())
        .isEqualTo("rate_limit_exceeded");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.headers().firstValue("retry-after")).isEmpty();
    assertThat(json(failed.body()).path("error").path("type").asText()).isEqualTo("server_error");
    assertThat(overloaded.statusCode()).isEqualTo(503);
    assertThat(overloaded.headers().firstValue("retry-after")).hasValue("1");
  }

  @Test
  void rejectsUnknownFaults_with400() throws Exception {
    assertThat(post(sim, "openai", chat("gpt-4o", "hi"), "x-sim-fault", "melt").statusCode())
        .isEqualTo(400);
    assertThat(post(sim, "openai", chat("gpt-4o+fault=status-99", "hi")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void closesWithoutAnswering_onDisconnectBeforeHeaders() throws Exception {
    int cancelled = sim.cancelledCount();

    assertThatThrownBy(
            () -> post(sim, "openai", chat("gpt-4o+fault=disconnect-before-headers", "hi")))
        .isInstanceOf(IOException.class);
    assertThat(
            SimHttp.raw(
                sim, chat("gpt-4o+fault=disconnect-before-headers", "hi"), Duration.ofSeconds(5)))
        .isEmpty();
    assertThat(sim.cancelledCount()).isEqualTo(cancelled);
  }

  @Test
  void closesAfterThreeChunks_onDisconnectMidStream() throws Exception {
    ObjectNode request = chat("gpt-4o+fault=disconnect-mid-stream", "hi").put("stream", true);

    String received = SimHttp.raw(sim, request, Duration.ofSeconds(5));

    assertThat(Pattern.compile("data: ").matcher(received).results().count()).isEqualTo(4);
    assertThat(received)
        .doesNotContain("[DONE]")
        .doesNotContain("finish_reason\":\"stop")
        .doesNotEndWith("0\r\n\r\n");
    assertThatThrownBy(() -> post(sim, "openai", request)).isInstanceOf(IOException.class);
  }

  @Test
  void sendsHalfTheBody_onDisconnectMidStreamWithoutStreaming() throws Exception {
    String received =
        SimHttp.raw(
            sim,
            chat("gpt-4o", "hi"),
            Duration.ofSeconds(5),
            "x-sim-fault",
            "disconnect-mid-stream");

    Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(received);
    assertThat(length.find()).isTrue();
    String body = received.substring(received.indexOf("\r\n\r\n") + 4);
    assertThat(body).startsWith("{\"id\":\"chatcmpl-");
    assertThat(body.length()).isEqualTo(Integer.parseInt(length.group(1)) / 2);
  }

  @Test
  void stallsAfterTheFirstEvent_untilTheClientLeaves() throws Exception {
    int cancelled = sim.cancelledCount();
    ObjectNode request = chat("gpt-4o+fault=stall-after-first-event", "hi").put("stream", true);
    try (Socket socket = SimHttp.open(sim, request)) {
      // Chunked framing: the event's blank line is followed by the chunk's own CRLF.
      String first = SimHttp.readUntil(socket, "\n\n\r\n", Duration.ofSeconds(5));
      assertThat(first).contains("\"role\":\"assistant\"");
      assertThat(SimHttp.readUntil(socket, "data:", Duration.ofMillis(300))).isEmpty();
      assertThat(first).containsOnlyOnce("data:");
      assertThat(sim.cancelledCount()).isEqualTo(cancelled);
    }
    assertThat(SimHttp.eventually(() -> sim.cancelledCount() == cancelled + 1)).isTrue();
  }

  @Test
  void delaysTheAnswer_onSlowFirstToken() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        post(sim, "openai", chat("gpt-4o+fault=slow-first-token-300", "hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  void omitsUsage_onNoUsage() throws Exception {
    ObjectNode request = chat("gpt-4o+fault=no-usage", "hi").put("stream", true);
    request.putObject("stream_options").put("include_usage", true);

    String stream = post(sim, "openai", request).body();
    JsonNode unary = json(post(sim, "openai", chat("gpt-4o+fault=no-usage", "hi")).body());

    assertThat(stream).doesNotContain("\"usage\"");
    assertThat(chunks(stream).getLast().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("stop");
    assertThat(events(stream).getLast()).isEqualTo("[DONE]");
    assertThat(unary.has("usage")).isFalse();
    assertThat(unary.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
  }

  @Test
  void endsCleanlyWithoutTerminal_onNoTerminal() throws Exception {
    ObjectNode request = chat("gpt-4o+fault=no-terminal", "hi").put("stream", true);
    request.putObject("stream_options").put("include_usage", true);

    HttpResponse<String> response = post(sim, "openai", request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(response.body())).doesNotContain("[DONE]").hasSizeGreaterThan(3);
    assertThat(chunks(response.body()))
        .allSatisfy(
            chunk ->
                assertThat(chunk.path("choices").path(0).path("finish_reason").isNull()).isTrue())
        .allSatisfy(chunk -> assertThat(chunk.path("choices").isEmpty()).isFalse());
  }

  @Test
  void sendsABrokenEventAndContinues_onMalformedEvent() throws Exception {
    List<String> events =
        events(
            post(sim, "openai", chat("gpt-4o+fault=malformed-event", "hi").put("stream", true))
                .body());

    assertThat(events.get(2)).isEqualTo("{not json");
    assertThat(events.get(1)).contains("\"content\"");
    assertThat(events.get(3)).startsWith("{\"id\":\"chatcmpl-");
    assertThat(events.getLast()).isEqualTo("[DONE]");
  }

  @Test
  void sendsAnErrorEventAndEnds_onErrorInStream() throws Exception {
    HttpResponse<String> response =
        post(sim, "openai", chat("gpt-4o+fault=error-in-stream", "hi").put("stream", true));

    List<String> events = events(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events).hasSize(4);
    assertThat(json(events.get(2)).path("choices").get(0).path("delta").path("content").asText())
        .isNotEmpty();
    assertThat(events.get(3))
        .isEqualTo(
            "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
  }

  @Test
  void prefersTheHeader_overTheModelSuffix() throws Exception {
    HttpResponse<String> response =
        post(sim, "openai", chat("gpt-4o+fault=status-500", "hi"), "x-sim-fault", "status-429");

    assertThat(response.statusCode()).isEqualTo(429);
  }

  @Test
  void sendsBrokenJson_onMalformedEventWithoutStreaming() throws Exception {
    HttpResponse<String> response = post(sim, "openai", chat("gpt-4o+fault=malformed-event", "hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{not json");
  }

  @Test
  void sendsOnlyHeaders_onStallWithoutStreaming() throws Exception {
    int cancelled = sim.cancelledCount();
    try (Socket socket = SimHttp.open(sim, chat("gpt-4o+fault=stall-after-first-event", "hi"))) {
      String head = SimHttp.readUntil(socket, "\r\n\r\n", Duration.ofSeconds(5));
      assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: ");
      assertThat(SimHttp.readUntil(socket, "{", Duration.ofMillis(200))).isEmpty();
    }
    assertThat(SimHttp.eventually(() -> sim.cancelledCount() == cancelled + 1)).isTrue();
  }
}
