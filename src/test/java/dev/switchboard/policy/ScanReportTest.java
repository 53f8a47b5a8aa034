package dev.switchboard.policy;

import static dev.switchboard.policy.PolicyFixtures.CARD;
import static dev.switchboard.policy.PolicyFixtures.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scan report's findings point into the body the client wrote: its message indexes (an OpenAI
 * body's system and developer messages count), the part within that message, and character offsets;
 * the format of a body is guessed from what only one format has.
 */
class ScanReportTest {
  private static final SourcingPolicy POLICY =
      PolicyFixtures.parse("classes:\n  regulated: {jurisdictions: [US]}\n");

  private static JsonNode report(String format, String body) {
    ChatRequest request = PolicyFixtures.parsed(format, body);
    PolicyDecision decision = POLICY.decide(request, Optional.empty(), Optional.empty());
    return ScanReport.of(request, decision, List.of(), Optional.of("none"));
  }

  private static List<String> where(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      out.add(
          f.path("type").asText()
              + "@"
              + f.path("message_index").asInt()
              + "."
              + f.path("part_index").asInt()
              + ":"
              + f.path("start").asInt()
              + "-"
              + f.path("end").asInt());
    }
    return out;
  }

  private static String q(String text) {
    return Json.string(Json.mapper().getNodeFactory().textNode(text));
  }

  @Test
  void openAi_systemAndDeveloperMessages_countInTheClientsIndexes() {
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"terse\"},"
            + "{\"role\":\"developer\",\"content\":"
            + q("mail " + EMAIL)
            + "},"
            + "{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"hello\"},"
            + "{\"role\":\"user\",\"content\":"
            + q("card: " + CARD)
            + "}]}";
    JsonNode report = report("openai", body);
    assertThat(where(report))
        .containsExactly(
            "EMAIL@1.0:5-" + (5 + EMAIL.length()), "CREDIT_CARD@4.0:6-" + (6 + CARD.length()));
    assertThat(report.path("no_endpoints").asText()).isEqualTo("none");
    assertThat(report.path("eligible_deployments")).isEmpty();
    assertThat(Json.string(report)).doesNotContain("4111").doesNotContain("jane");
  }

  @Test
  void openAi_aSystemMessageOfSeveralParts_isStillOneMessage() {
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"terse\"},"
            + "{\"type\":\"text\",\"text\":"
            + q("mail " + EMAIL)
            + "}]},"
            + "{\"role\":\"system\",\"content\":\"second\"},"
            + "{\"role\":\"user\",\"content\":"
            + q("card: " + CARD)
            + "}]}";
    JsonNode report = report("openai", body);
    List<String> found = where(report);
    assertThat(found).hasSize(2);
    assertThat(found.get(0)).as("the email is in message 0").startsWith("EMAIL@0.");
    assertThat(found.get(1)).startsWith("CREDIT_CARD@2.");
  }

  @Test
  void openAi_aSystemMessageAfterTheFirstTurn_keepsItsOwnIndex() {
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"system\",\"content\":"
            + q("mail " + EMAIL)
            + "},"
            + "{\"role\":\"user\",\"content\":"
            + q("card: " + CARD)
            + "}]}";
    List<String> found = where(report("openai", body));
    assertThat(found).hasSize(2);
    assertThat(found.get(0)).startsWith("EMAIL@1.");
    assertThat(found.get(1)).startsWith("CREDIT_CARD@2.");
  }

  @Test
  void openAi_toolCallArgumentsAndToolResults_areFoundInTheirMessages() {
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"look it up\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"find\",\"arguments\":"
            + q("{\"who\":\"" + EMAIL + "\"}")
            + "}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":"
            + q("card " + CARD)
            + "}]}";
    JsonNode report = report("openai", body);
    List<String> found = where(report);
    assertThat(found).hasSize(2);
    assertThat(found.get(0)).startsWith("EMAIL@1.").endsWith(":8-" + (8 + EMAIL.length()));
    assertThat(found.get(1)).startsWith("CREDIT_CARD@2.").endsWith(":5-" + (5 + CARD.length()));
    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
  }

  @Test
  void anthropic_systemIsMinusOne_andToolResultsAreFound() {
    String body =
        "{\"model\":\"pm/chat\",\"max_tokens\":10,\"system\":"
            + q("reply to " + EMAIL)
            + ",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"look up my card\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
            + "\"name\":\"lookup\",\"input\":{\"q\":\"card\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
            + "\"content\":"
            + q("on file: " + CARD)
            + "}]}]}";
    assertThat(ScanReport.guessFormat(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("anthropic");
    JsonNode report = report("anthropic", body);
    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
    assertThat(where(report))
        .containsExactly(
            "EMAIL@-1.0:9-" + (9 + EMAIL.length()), "CREDIT_CARD@2.0:9-" + (9 + CARD.length()));
  }

  @Test
  void theFormatGuess_readsWhatOnlyOneFormatHas() {
    assertThat(ScanReport.guessFormat("{\"messages\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("openai");
    assertThat(ScanReport.guessFormat("{\"system\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("anthropic");
    assertThat(ScanReport.guessFormat("not json".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("openai");
  }
}
