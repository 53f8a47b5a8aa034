package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {
  @Test
  void decodesARecordedTextStream() throws Exception {
    List<ChatEvent> events = decode("text-stream");
    assertThat(events.getFirst())
        .isEqualTo(
            new ChatEvent.Started(
                "chatcmpl-BQadcZbvmcHdEiJlKyhlXR9mrGXaB", 1745677064, "gpt-4.1-nano-2025-04-14"));
    assertThat(text(events)).isEqualTo("Hello! How can I assist you today?");
    assertThat(events).contains(new ChatEvent.Finished(Finish.of(FinishReason.STOP, "stop")));
    assertThat(events.getLast())
        .isEqualTo(new ChatEvent.UsageReported(Usage.reported(19, 10, 0, 0)));
  }

  @Test
  void decodesARecordedToolCallStream() throws Exception {
    List<ChatEvent> events = decode("tools-stream");
    assertThat(events)
        .contains(new ChatEvent.ToolCallStarted(0, "call_PieqNSej6kM9hgYbcQdbZSaC", "get_weather"));
    String arguments =
        events.stream()
            .filter(ChatEvent.ToolArgumentsDelta.class::isInstance)
            .map(e -> ((ChatEvent.ToolArgumentsDelta) e).jsonFragment())
            .collect(Collectors.joining());
    assertThat(arguments).isEqualTo("{\"location\": \"Tokyo\"}");
    assertThat(events)
        .contains(new ChatEvent.Finished(Finish.of(FinishReason.TOOL_CALLS, "tool_calls")));
    assertThat(events.getLast())
        .isEqualTo(new ChatEvent.UsageReported(Usage.reported(67, 31, 0, 0)));
  }

  @Test
  void aStreamWithoutFinishReasonIsTruncated_neverComplete() {
    assertThatThrownBy(() -> decode("truncated-stream")).isInstanceOf(StreamTruncated.class);
  }

  @Test
  void anErrorEventInTheStreamIsAnUpstreamFailure() {
    assertThatThrownBy(() -> decode("error-in-stream"))
        .isInstanceOf(UpstreamStreamError.class)
        .hasMessageContaining("The server had an error");
  }

  @Test
  void readsCachedAndReasoningTokens_inEachProviderDialect() throws Exception {
    String openai =
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":2000,\"completion_tokens\":300,\"prompt_tokens_details\":{\"cached_tokens\":1920},\"completion_tokens_details\":{\"reasoning_tokens\":200}}}";
    String deepseek =
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":2000,\"completion_tokens\":300,\"prompt_cache_hit_tokens\":1920,\"prompt_cache_miss_tokens\":80}}";
    assertThat(usageOf(openai)).isEqualTo(Usage.reported(2000, 300, 1920, 200));
    assertThat(usageOf(deepseek)).isEqualTo(Usage.reported(2000, 300, 1920, 0));
  }

  @Test
  void readsFieldsInAnyOrder_andReasoningInEitherDialect() throws Exception {
    String chunk =
        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"content\":\"hi\"},\"finish_reason\":null,\"index\":0}],"
            + "\"model\":\"m\",\"id\":\"c1\",\"extra\":{\"nested\":[1,{\"a\":null}]}}";
    List<ChatEvent> out = new ArrayList<>();
    new OpenAiStreamDecoder().decode(SseEvent.data(chunk), out::add);
    assertThat(out)
        .containsExactly(
            new ChatEvent.Started("c1", 0, "m"),
            new ChatEvent.ReasoningDelta(0, "think"),
            new ChatEvent.TextDelta(1, "hi"));
  }

  @Test
  void aMalformedChunkIsAWireError() {
    String hugeExponent = "1e" + "8".repeat(90); // fuzzing finding: escaped unchecked
    for (String bad :
        List.of(
            "{not json",
            "[1,2]",
            "\"text\"",
            "{\"usage\":{\"prompt_tokens\":" + hugeExponent + "}}",
            "{\"error\":{\"code\":" + hugeExponent + "}}")) {
      assertThatThrownBy(() -> new OpenAiStreamDecoder().decode(SseEvent.data(bad), e -> {}))
          .as(bad)
          .isInstanceOf(dev.switchboard.wire.WireException.class);
    }
  }

  private static Usage usageOf(String chunk) throws Exception {
    List<ChatEvent> out = new ArrayList<>();
    new OpenAiStreamDecoder().decode(SseEvent.data(chunk), out::add);
    return out.stream()
        .filter(ChatEvent.UsageReported.class::isInstance)
        .map(e -> ((ChatEvent.UsageReported) e).usage())
        .findFirst()
        .orElseThrow();
  }

  static List<ChatEvent> decode(String scenario) throws Exception {
    StreamDecoder decoder = new OpenAiFormat().newStreamDecoder(null);
    List<ChatEvent> out = new ArrayList<>();
    for (SseEvent event : Fixtures.events("openai", scenario)) {
      decoder.decode(event, out::add);
    }
    decoder.finish(out::add);
    return out;
  }

  private static String text(List<ChatEvent> events) {
    return events.stream()
        .filter(ChatEvent.TextDelta.class::isInstance)
        .map(e -> ((ChatEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }
}
