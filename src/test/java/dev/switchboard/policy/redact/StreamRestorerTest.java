package dev.switchboard.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRestorerTest {
  private static final Restorer RESTORER = RestorerTest.redaction().restorer();

  /** The model's answer, echoing placeholders, unknown ones, html and a dangling fragment. */
  private static final String ECHO =
      "Dear <EMAIL_1>, call <PHONE_1>; <EMAIL_2><EMAIL_1> wrote <CUSTOM_QUOTED_1>. "
          + "Not <EMAIL_99>, <b>x</b>, a < b, <<EMAIL_2>> or <EMAIL_1";

  private static final ChatEvent.Finished FINISHED =
      new ChatEvent.Finished(Finish.of(FinishReason.STOP, "stop"));

  @Test
  void restoresEveryPlaceholder_whereverTheTextIsSplit_intoUpToFourChunks() {
    String expected = RESTORER.restore(ECHO);
    assertThat(expected).contains("bob@example.com", RestorerTest.AWKWARD).endsWith("<EMAIL_1");
    int n = ECHO.length();
    int checked = 0;
    for (int a = 0; a <= n; a++) {
      checkText(List.of(ECHO.substring(0, a), ECHO.substring(a)), expected);
      for (int b = a; b <= n; b++) {
        checkText(List.of(ECHO.substring(0, a), ECHO.substring(a, b), ECHO.substring(b)), expected);
        checked++;
      }
    }
    // Three boundaries over a window that holds placeholders back to back.
    String window = ECHO.substring(0, 60);
    String expectedWindow = RESTORER.restore(window);
    for (int a = 0; a <= window.length(); a++) {
      for (int b = a; b <= window.length(); b++) {
        for (int c = b; c <= window.length(); c++) {
          checkText(
              List.of(
                  window.substring(0, a),
                  window.substring(a, b),
                  window.substring(b, c),
                  window.substring(c)),
              expectedWindow);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40_000);
  }

  @Test
  void restoresEveryCharacterSplitOfOneDeltaPerCharacter() {
    List<String> chars = new ArrayList<>();
    ECHO.codePoints().forEach(c -> chars.add(Character.toString(c)));
    checkText(chars, RESTORER.restore(ECHO));
  }

  @Test
  void restoresToolArgumentsEscaped_whereverSplit() throws WireException {
    String arguments = "{\"to\":\"<EMAIL_2>\",\"note\":\"<CUSTOM_QUOTED_1>\",\"cc\":\"<EMAIL_1>\"}";
    for (int a = 0; a <= arguments.length(); a++) {
      for (int b = a; b <= arguments.length(); b++) {
        List<ChatEvent> events = new ArrayList<>();
        StreamRestorer restorer = RESTORER.stream();
        restorer.accept(new ChatEvent.ToolCallStarted(3, "c1", "mail"), events::add);
        for (String chunk :
            List.of(arguments.substring(0, a), arguments.substring(a, b), arguments.substring(b))) {
          restorer.accept(new ChatEvent.ToolArgumentsDelta(3, chunk), events::add);
        }
        restorer.accept(new ChatEvent.BlockStopped(3), events::add);
        StringBuilder json = new StringBuilder();
        for (ChatEvent event : events.subList(1, events.size() - 1)) {
          json.append(((ChatEvent.ToolArgumentsDelta) event).jsonFragment());
        }
        assertThat(events.getLast()).isEqualTo(new ChatEvent.BlockStopped(3));
        var parsed = Json.tree(json.toString());
        assertThat(parsed.get("to").asText()).isEqualTo("amy@example.com");
        assertThat(parsed.get("note").asText()).isEqualTo(RestorerTest.AWKWARD);
        assertThat(parsed.get("cc").asText()).isEqualTo("bob@example.com");
      }
    }
  }

  @Test
  void holdsBackOnlyWhatCanStillBecomeAPlaceholder_andReleasesItAtOnceWhenItCannot() {
    StreamRestorer restorer = RESTORER.stream();
    List<ChatEvent> out = new ArrayList<>();
    restorer.accept(new ChatEvent.TextDelta(0, "Hello <EM"), out::add);
    assertThat(out).containsExactly(new ChatEvent.TextDelta(0, "Hello "));
    restorer.accept(new ChatEvent.TextDelta(0, "x"), out::add);
    assertThat(out.getLast()).isEqualTo(new ChatEvent.TextDelta(0, "<EMx"));
    restorer.accept(new ChatEvent.TextDelta(0, "a < b <b"), out::add);
    assertThat(out.getLast()).isEqualTo(new ChatEvent.TextDelta(0, "a < b <b"));
    restorer.accept(new ChatEvent.TextDelta(0, "<EMAIL_1"), out::add);
    restorer.accept(new ChatEvent.TextDelta(0, "0>"), out::add);
    // <EMAIL_10> was never given out: it passes as written, as soon as it is complete.
    assertThat(out.getLast()).isEqualTo(new ChatEvent.TextDelta(0, "<EMAIL_10>"));
    assertThat(out).hasSize(4);
  }

  @Test
  void passesOtherEventsUnchangedAndInOrder_flushingHeldTextBeforeTheNextBlockAndTheEnd() {
    StreamRestorer restorer = RESTORER.stream();
    List<ChatEvent> out = new ArrayList<>();
    Usage usage = Usage.reported(10, 5, 0, 0);
    List<ChatEvent> in =
        List.of(
            new ChatEvent.Started("id", 1L, "m"),
            new ChatEvent.ReasoningDelta(0, "about <EMAIL_1>"),
            new ChatEvent.ReasoningSignature(0, "sig<EMAIL_1>"),
            new ChatEvent.TextDelta(1, "hi <EMA"),
            new ChatEvent.UsageReported(usage),
            new ChatEvent.TextDelta(1, "IL_1> and <PH"),
            new ChatEvent.ToolCallStarted(2, "c1", "f"),
            new ChatEvent.ToolArgumentsDelta(2, "{\"a\":\"<EM"),
            new ChatEvent.BlockStopped(2),
            new ChatEvent.TextDelta(3, "bye <"),
            FINISHED);
    in.forEach(event -> restorer.accept(event, out::add));
    assertThat(out)
        .containsExactly(
            in.get(0),
            in.get(1),
            in.get(2),
            new ChatEvent.TextDelta(1, "hi "),
            in.get(4),
            new ChatEvent.TextDelta(1, "bob@example.com and "),
            new ChatEvent.TextDelta(1, "<PH"),
            in.get(6),
            new ChatEvent.ToolArgumentsDelta(2, "{\"a\":\""),
            new ChatEvent.ToolArgumentsDelta(2, "<EM"),
            in.get(8),
            new ChatEvent.TextDelta(3, "bye "),
            new ChatEvent.TextDelta(3, "<"),
            FINISHED);
    assertThat(out.get(1)).isSameAs(in.get(1));
  }

  @Test
  void finishReleasesWhatIsHeld_andEachAttemptHasItsOwnState() {
    StreamRestorer first = RESTORER.stream();
    StreamRestorer second = RESTORER.stream();
    List<ChatEvent> out = new ArrayList<>();
    first.accept(new ChatEvent.TextDelta(0, "cut <EMAIL_"), out::add);
    second.accept(new ChatEvent.TextDelta(0, "1>"), out::add);
    assertThat(out)
        .containsExactly(new ChatEvent.TextDelta(0, "cut "), new ChatEvent.TextDelta(0, "1>"));
    first.finish(out::add);
    assertThat(out.getLast()).isEqualTo(new ChatEvent.TextDelta(0, "<EMAIL_"));
    second.finish(out::add);
    assertThat(out).hasSize(3);
  }

  @Test
  void anEmptyRestorerPassesEveryEventAsItIs() {
    StreamRestorer restorer = Restorer.none().stream();
    List<ChatEvent> out = new ArrayList<>();
    ChatEvent delta = new ChatEvent.TextDelta(0, "<EMAIL_1> <");
    restorer.accept(delta, out::add);
    restorer.accept(FINISHED, out::add);
    assertThat(out).containsExactly(delta, FINISHED);
    assertThat(out.getFirst()).isSameAs(delta);
  }

  @Test
  void restoresWhatARealDecoderEmits_textAndToolArgumentsSplitAcrossSseEvents() throws Exception {
    String[][] sse = {
      {
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}"
      },
      {
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
      },
      {"content_block_delta", textDelta("Mailing <EMA")},
      {"content_block_delta", textDelta("IL_1> now <")},
      {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"},
      {
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":1,"
            + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"note\","
            + "\"input\":{}}}"
      },
      {"content_block_delta", jsonDelta("{\\\"text\\\": \\\"<CUSTOM_QUO")},
      {"content_block_delta", jsonDelta("TED_1>\\\"}")},
      {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"},
      {
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
            + "\"usage\":{\"output_tokens\":12}}"
      },
      {"message_stop", "{\"type\":\"message_stop\"}"}
    };
    var decoder =
        new dev.switchboard.wire.anthropic.AnthropicFormat()
            .newStreamDecoder(RestorerTest.redaction().request());
    StreamRestorer restorer = RESTORER.stream();
    List<ChatEvent> out = new ArrayList<>();
    for (String[] event : sse) {
      decoder.decode(
          new dev.switchboard.wire.SseEvent(event[0], event[1]),
          decoded -> restorer.accept(decoded, out::add));
    }
    decoder.finish(decoded -> restorer.accept(decoded, out::add));
    restorer.finish(out::add);
    StringBuilder text = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    for (ChatEvent event : out) {
      if (event instanceof ChatEvent.TextDelta delta) {
        text.append(delta.text());
      } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
        arguments.append(delta.jsonFragment());
      }
    }
    assertThat(text.toString()).isEqualTo("Mailing bob@example.com now <");
    assertThat(Json.tree(arguments.toString()).get("text").asText())
        .isEqualTo(RestorerTest.AWKWARD);
    assertThat(out.getLast()).isInstanceOf(ChatEvent.Finished.class);
  }

  private static String textDelta(String text) {
    return "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
        + text
        + "\"}}";
  }

  private static String jsonDelta(String partialJson) {
    return "{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\""
        + partialJson
        + "\"}}";
  }

  /** Feeds the chunks as deltas of block 0, then stops the block and finishes. */
  private static void checkText(List<String> chunks, String expected) {
    StreamRestorer restorer = RESTORER.stream();
    List<ChatEvent> out = new ArrayList<>();
    for (String chunk : chunks) {
      restorer.accept(new ChatEvent.TextDelta(0, chunk), out::add);
    }
    restorer.accept(new ChatEvent.BlockStopped(0), out::add);
    restorer.accept(FINISHED, out::add);
    StringBuilder text = new StringBuilder();
    boolean allBlockZero = true;
    for (ChatEvent event : out.subList(0, out.size() - 2)) {
      ChatEvent.TextDelta delta = (ChatEvent.TextDelta) event;
      allBlockZero &= delta.block() == 0;
      text.append(delta.text());
    }
    boolean ends =
        out.get(out.size() - 2).equals(new ChatEvent.BlockStopped(0)) && out.getLast() == FINISHED;
    // Plain checks first: this runs some 50,000 times.
    if (!allBlockZero || !ends || !text.toString().equals(expected)) {
      assertThat(text.toString()).as("split %s", chunks).isEqualTo(expected);
      assertThat(out.subList(out.size() - 2, out.size()))
          .containsExactly(new ChatEvent.BlockStopped(0), FINISHED);
      assertThat(allBlockZero).as("block index kept").isTrue();
    }
  }
}
