package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.WireFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteFormatsTest {
  private static final WireFormat FIRST =
      TestFormats.named("first", List.of("/v1/chat/completions", "/api/v1/chat/completions"));
  private static final WireFormat MESSAGES = TestFormats.named("messages", List.of("/v1/messages"));
  private static final WireFormat MODELS =
      TestFormats.named("models", List.of("/v1beta/models/:action"));
  private final RouteFormats formats = new RouteFormats(List.of(FIRST, MESSAGES, MODELS));

  @Test
  void aChatRoute_isAnsweredInItsFormat_paramsAndQueryIncluded() {
    assertThat(formats.forPath("/v1/messages")).isSameAs(MESSAGES);
    assertThat(formats.forPath("/api/v1/chat/completions")).isSameAs(FIRST);
    assertThat(formats.forPath("/v1beta/models/gemini:generateContent?key=k")).isSameAs(MODELS);
  }

  @Test
  void anotherPath_isAnsweredInTheFormatSharingTheMostLeadingSegments() {
    assertThat(formats.forPath("/v1/messages/xyz")).isSameAs(MESSAGES);
    assertThat(formats.forPath("/v1beta/models")).isSameAs(MODELS);
    assertThat(formats.forPath("/v1beta/tunedModels/x")).isSameAs(MODELS);
    assertThat(formats.forPath("/api/v1/anything")).isSameAs(FIRST);
  }

  @Test
  void aTieOrNoSharedSegment_goesToTheFirstFormat() {
    assertThat(formats.forPath("/v1/models")).as("a tie on /v1").isSameAs(FIRST);
    assertThat(formats.forPath("/")).isSameAs(FIRST);
    assertThat(formats.forPath("/health/x")).isSameAs(FIRST);
    assertThat(formats.forPath(null)).isSameAs(FIRST);
  }
}
