package dev.switchboard.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestorerTest {
  /** A value with quotes, a backslash and a newline, found by a configured pattern. */
  static final String AWKWARD = "@@he said \"hi\" \\ back\nthen left@@";

  static final Scanner SCANNER =
      new Scanner(
          new DetectorConfig(
              DetectorConfig.DEFAULT_REGIONS, Map.of("quoted", "@@[^@]+@@"), Map.of()));

  /** Placeholders EMAIL_1, EMAIL_2, PHONE_1 and CUSTOM_QUOTED_1. */
  static Redaction redaction() {
    return Requests.redact(
        SCANNER,
        Requests.openAiUser(
            List.of(
                "I am bob@example.com, call +33 1 42 68 53 00",
                "cc amy@example.com about " + AWKWARD)));
  }

  @Test
  void restoresKnownPlaceholders_andLeavesEverythingElseAsWritten() {
    Restorer restorer = redaction().restorer();
    assertThat(restorer.originals().keySet())
        .containsExactly("<EMAIL_1>", "<PHONE_1>", "<EMAIL_2>", "<CUSTOM_QUOTED_1>");
    assertThat(restorer.restore("Hi <EMAIL_1>, I'll call <PHONE_1>."))
        .isEqualTo("Hi bob@example.com, I'll call +33 1 42 68 53 00.");
    String untouched = "<EMAIL_99> <b>bold</b> a < b, <EMAIL_1 <email_1> <EMAIL_1 > <> < <EMAIL_";
    assertThat(restorer.restore(untouched)).isSameAs(untouched);
    assertThat(restorer.restore("<<EMAIL_2>>")).isEqualTo("<amy@example.com>");
    assertThat(restorer.restore("<CUSTOM_QUOTED_1>")).isEqualTo(AWKWARD);
  }

  @Test
  void restoresIntoToolArgumentsEscaped_soTheJsonStaysParseable() throws WireException {
    Restorer restorer = redaction().restorer();
    ChatResponse answer =
        response(
            new Part.ToolUse(
                "c1", "note", "{\"text\":\"<CUSTOM_QUOTED_1> for <EMAIL_2>\",\"n\":<PHONE_1>}"));
    Part.ToolUse call = (Part.ToolUse) restorer.restore(answer).content().getFirst();
    // A placeholder outside a string was not valid JSON to begin with; inside, it parses.
    String inString = call.arguments().replace(",\"n\":+33 1 42 68 53 00", "");
    JsonNode arguments = Json.tree(inString);
    assertThat(arguments.get("text").asText()).isEqualTo(AWKWARD + " for amy@example.com");
  }

  @Test
  void restoresTextAndToolCalls_neverReasoning() {
    Restorer restorer = redaction().restorer();
    ChatResponse answer =
        response(
            new Part.Thinking("thinking about <EMAIL_1>", "sig"),
            new Part.Text("Mail <EMAIL_1>", Optional.empty()),
            new Part.ToolUse("c1", "mail", "{\"to\":\"<EMAIL_2>\"}"));
    ChatResponse restored = restorer.restore(answer);
    assertThat(restored.content())
        .containsExactly(
            new Part.Thinking("thinking about <EMAIL_1>", "sig"),
            new Part.Text("Mail bob@example.com", Optional.empty()),
            new Part.ToolUse("c1", "mail", "{\"to\":\"amy@example.com\"}"));
    assertThat(restored.id()).isEqualTo(answer.id());
    assertThat(restored.finish()).isEqualTo(answer.finish());
  }

  @Test
  void anEmptyRestorerChangesNothing() {
    Restorer none = Restorer.none();
    assertThat(none.isEmpty()).isTrue();
    ChatResponse answer = response(new Part.Text("<EMAIL_1>", Optional.empty()));
    assertThat(none.restore(answer)).isSameAs(answer);
    assertThat(none.restore("<EMAIL_1>")).isEqualTo("<EMAIL_1>");
  }

  private static ChatResponse response(Part... parts) {
    return new ChatResponse(
        "id-1", "m", 1L, List.of(parts), Finish.of(FinishReason.STOP, "stop"), Optional.empty());
  }
}
