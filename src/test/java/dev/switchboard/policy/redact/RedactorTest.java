package dev.switchboard.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.FindingType;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void returnsTheSameRequestAndAnEmptyRestorer_whenNothingWasFound() {
    ChatRequest request = Requests.openAiUser(List.of("Nothing to see here."));
    Redaction redaction = Redactor.redact(request, Requests.SCANNER.scan(request));
    assertThat(redaction.request()).isSameAs(request);
    assertThat(redaction.restorer().isEmpty()).isTrue();
    assertThat(redaction.replaced()).isZero();
  }

  @Test
  void numbersPerTypeInOrderOfFirstOccurrence_systemFirst_sameValueSamePlaceholder() {
    ChatRequest request =
        Requests.parse(
            "openai",
            """
            {"model":"m","messages":[
              {"role":"system","content":"Escalate to ops@acme-corp.com."},
              {"role":"user","content":"I am bob@example.com, call +33 1 42 68 53 00."},
              {"role":"assistant","content":"Noted, bob@example.com."},
              {"role":"user","content":"Or amy@example.com, or ops@acme-corp.com, ip 10.1.2.3"}]}
            """);
    Redaction redaction = Requests.redact(request);
    assertThat(Message.textOf(redaction.request().system())).isEqualTo("Escalate to <EMAIL_1>.");
    assertThat(texts(redaction.request()))
        .containsExactly(
            "I am <EMAIL_2>, call <PHONE_1>.",
            "Noted, <EMAIL_2>.",
            "Or <EMAIL_3>, or <EMAIL_1>, ip <IP_ADDRESS_1>");
    assertThat(redaction.replaced()).isEqualTo(7);
    assertThat(redaction.restorer().restore("<EMAIL_3> and <PHONE_1>"))
        .isEqualTo("amy@example.com and +33 1 42 68 53 00");
  }

  @Test
  void namesCustomTypesInUpperCaseWithUnderscores() {
    Scanner scanner =
        new Scanner(
            new DetectorConfig(
                DetectorConfig.DEFAULT_REGIONS,
                Map.of("employee-id", "\\bE-[0-9]{5}\\b"),
                Map.of("codename", List.of("Bluebird"))));
    ChatRequest request = Requests.openAiUser(List.of("E-12345 and E-99999 work on bluebird"));
    Redaction redaction = Requests.redact(scanner, request);
    assertThat(texts(redaction.request()))
        .containsExactly(
            "<CUSTOM_EMPLOYEE_ID_1> and <CUSTOM_EMPLOYEE_ID_2> work on <CUSTOM_CODENAME_1>");
  }

  @Test
  void replayedConversationKeepsItsNumbering_onTheNextTurn() {
    List<String> turn = new ArrayList<>(List.of("mail amy@example.com", "and bob@example.com"));
    Redaction first = Requests.redact(Requests.openAiUser(turn));
    turn.add("now carl@example.com, not amy@example.com");
    Redaction second = Requests.redact(Requests.openAiUser(turn));
    assertThat(texts(second.request()).subList(0, 2))
        .isEqualTo(texts(first.request()))
        .containsExactly("mail <EMAIL_1>", "and <EMAIL_2>");
    assertThat(texts(second.request()).get(2)).isEqualTo("now <EMAIL_3>, not <EMAIL_1>");
  }

  @Test
  void keepsTheNumbering_whenAReplayedThinkingBlockHoldsLastTurnsPlaceholders() {
    ChatRequest request =
        Requests.parse(
            "anthropic",
            """
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":"I am bob@example.com"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"<EMAIL_1> wants help","signature":"c2ln"},
                {"type":"text","text":"Hello bob@example.com"}]},
              {"role":"user","content":"and amy@example.com?"}]}
            """);
    Redaction redaction = Requests.redact(request);
    assertThat(texts(redaction.request()))
        .containsExactly("I am <EMAIL_1>", "<EMAIL_1> wants helpHello <EMAIL_1>", "and <EMAIL_2>?");
  }

  @Test
  void replacesEveryOccurrenceOfAFoundValue_evenWhereTheScannerDidNotFlagIt() {
    ChatRequest request = Requests.openAiUser(List.of("bob@example.com", "xbob@example.com"));
    // Hand-made findings: only the first message is flagged.
    Redaction redaction =
        Redactor.redact(
            request, List.of(new MessageFindings(0, 0, List.of(finding("EMAIL", 0, 15)))));
    assertThat(texts(redaction.request())).containsExactly("<EMAIL_1>", "x<EMAIL_1>");
  }

  @Test
  void skipsNumbersTheClientAlreadyWrote() {
    ChatRequest request =
        Requests.openAiUser(List.of("template says <EMAIL_1>; mine is bob@example.com"));
    Redaction redaction = Requests.redact(request);
    assertThat(texts(redaction.request()))
        .containsExactly("template says <EMAIL_1>; mine is <EMAIL_2>");
    assertThat(redaction.restorer().restore("<EMAIL_1> <EMAIL_2>"))
        .isEqualTo("<EMAIL_1> bob@example.com");
  }

  @Test
  void skipsToolDefinitionFindings_andNeverRewritesThinking() {
    ChatRequest request =
        Requests.parse(
            "anthropic",
            """
            {"model":"m","max_tokens":10,
             "tools":[{"name":"t","description":"mail bob@example.com","input_schema":{"type":"object"}}],
             "messages":[
              {"role":"user","content":"hello"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"bob@example.com again","signature":"c2ln"},
                {"type":"text","text":"ok"}]}]}
            """);
    List<MessageFindings> findings = new ArrayList<>(Requests.SCANNER.scan(request));
    // The scanner reports the tool description (message index -2, MessageFindings.TOOLS) too.
    assertThat(findings)
        .extracting(MessageFindings::messageIndex)
        .containsExactly(1, MessageFindings.TOOLS);
    Redaction redaction = Redactor.redact(request, findings);
    // Only the thinking block and a tool definition hold findings: nothing is replaced.
    assertThat(redaction.request()).isSameAs(request);
    assertThat(redaction.restorer().isEmpty()).isTrue();
    assertThat(redaction.request().messages().get(1).parts().getFirst())
        .isEqualTo(new Part.Thinking("bob@example.com again", "c2ln"));
  }

  @Test
  void keepsToolArgumentsValidJson_whenAValueHoldsEscapes() throws WireException {
    ChatRequest request =
        Requests.parse(
            "openai",
            """
            {"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[
              {"id":"c1","type":"function","function":{"name":"f","arguments":
               "{\\"pem\\":\\"-----BEGIN PRIVATE KEY-----\\\\nMIIEvQ\\\\n-----END PRIVATE KEY-----\\",\\"to\\":\\"bob@example.com\\"}"}}]}]}
            """);
    Redaction redaction = Requests.redact(request);
    Part.ToolUse call = (Part.ToolUse) redaction.request().messages().getFirst().parts().getFirst();
    JsonNode arguments = Json.tree(call.arguments());
    assertThat(arguments.get("pem").asText()).isEqualTo("<SECRET_1>");
    assertThat(arguments.get("to").asText()).isEqualTo("<EMAIL_1>");
    // The original value is the text the JSON stands for: real newlines.
    assertThat(redaction.restorer().restore("<SECRET_1>"))
        .isEqualTo("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----");
  }

  @Test
  void clipsAFindingToStringValues_keepingKeysAndStructure() throws WireException {
    ChatRequest request =
        Requests.parse(
            "openai",
            """
            {"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[
              {"id":"c1","type":"function","function":{"name":"f","arguments":
               "{\\"bob@example.com\\": \\"ab\\\\u0040cd\\", \\"x\\": \\"y\\"}"}}]}]}
            """);
    // A hand-made span from inside the key to the middle of the escape in the value.
    Redaction redaction =
        Redactor.redact(
            request, List.of(new MessageFindings(0, 0, List.of(finding("SECRET", 5, 24)))));
    Part.ToolUse call = (Part.ToolUse) redaction.request().messages().getFirst().parts().getFirst();
    assertThat(call.arguments()).isEqualTo("{\"bob@example.com\": \"<SECRET_1>cd\", \"x\": \"y\"}");
    assertThat(Json.tree(call.arguments()).size()).isEqualTo(2);
    assertThat(redaction.restorer().restore("<SECRET_1>")).isEqualTo("ab@");
  }

  @Test
  void joinsOverlappingFindingsIntoOneSpanOfTheLongerType() {
    Scanner scanner =
        new Scanner(
            new DetectorConfig(
                DetectorConfig.DEFAULT_REGIONS, Map.of(), Map.of("staff", List.of("bob"))));
    ChatRequest request = Requests.openAiUser(List.of("mail bob@example.com or bob"));
    Redaction redaction = Requests.redact(scanner, request);
    assertThat(texts(redaction.request())).containsExactly("mail <EMAIL_1> or <CUSTOM_STAFF_1>");
  }

  @Test
  void writesAValueSplitAcrossToolResultPartsOnce() {
    ChatRequest request =
        Requests.parse(
            "anthropic",
            """
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
                {"type":"text","text":"mail bob@exa"},{"type":"text","text":"mple.com now"}]}]}]}
            """);
    Redaction redaction = Requests.redact(request);
    Part.ToolResult result =
        (Part.ToolResult) redaction.request().messages().getFirst().parts().getFirst();
    assertThat(result.text()).isEqualTo("mail <EMAIL_1> now");
    JsonNode blocks = redaction.request().source().body().at("/messages/0/content/0/content");
    assertThat(blocks.get(0).get("text").asText()).isEqualTo("mail <EMAIL_1>");
    assertThat(blocks.get(1).get("text").asText()).isEqualTo(" now");
  }

  @Test
  void refusesFindingsThatDoNotFitTheRequest() {
    ChatRequest request = Requests.openAiUser(List.of("short"));
    assertThatThrownBy(
            () ->
                Redactor.redact(
                    request, List.of(new MessageFindings(0, 0, List.of(finding("EMAIL", 2, 40))))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Redactor.redact(
                    request, List.of(new MessageFindings(3, 0, List.of(finding("EMAIL", 0, 2))))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Finding finding(String type, int start, int end) {
    return new Finding(FindingType.of(type), start, end);
  }

  private static List<String> texts(ChatRequest request) {
    return request.messages().stream().map(Message::text).toList();
  }
}
