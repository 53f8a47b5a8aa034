package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.EMAIL;
import static dev.switchboard.e2e.PolicyGateway.anthropic;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.openAi;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ledger.UsageRecord;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code block} action: a 403 in the client's format naming the rule and the finding types,
 * never the matched text (not in the answer, the ledger or the log line), no provider called, and a
 * ledger row with status 403.
 */
class PolicyBlockTest {
  private static final String POLICY =
      """
      classes:
        confidential: {no_training: true}
        regulated: {action: block}
      """;
  private static final String DIGITS = "4111";
  private static PolicyGateway gw;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(POLICY);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void listen() {
    Logger.getLogger("switchboard.requests").addHandler(capture);
  }

  @AfterEach
  void unlisten() {
    Logger.getLogger("switchboard.requests").removeHandler(capture);
  }

  private static String flagged(String nonce) {
    return "Pay with " + CARD + " and send the receipt to " + EMAIL + " " + tag(nonce);
  }

  /** The request log lines of a generation, as text. */
  private List<String> logLines(String generationId) {
    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (lines.isEmpty() && System.nanoTime() < deadline) {
      for (LogRecord record : records) {
        if (record.getParameters() != null
            && record.getParameters()[0] instanceof Map<?, ?> fields
            && generationId.equals(fields.get("generation_id"))) {
          lines.add(record.getMessage() + " " + fields);
        }
      }
      Thread.onSpinWait();
    }
    return lines;
  }

  private void assertLeavesNoTrace(HttpResponse<String> response) throws Exception {
    assertThat(response.body()).doesNotContain(DIGITS).doesNotContain("1111 1111");
    assertThat(response.body()).doesNotContain(EMAIL).doesNotContain("jane.doe");
    UsageRecord row = gw.row(response);
    assertThat(row.status()).isEqualTo(403);
    assertThat(row.errorCode()).contains("policy_blocked");
    assertThat(row.provider()).isEmpty();
    assertThat(row.costMicros()).isZero();
    assertThat(row.toString()).doesNotContain(DIGITS).doesNotContain("jane.doe");
    assertThat(gw.storedBytes())
        .as("the database files")
        .doesNotContain(DIGITS)
        .doesNotContain("jane.doe");
    String id = response.headers().firstValue("x-generation-id").orElseThrow();
    List<String> lines = logLines(id);
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst()).contains("403").doesNotContain(DIGITS).doesNotContain("jane.doe");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aCard_isBlocked_inOpenAiFormat_namingRuleAndTypes_neverTheText(boolean stream)
      throws Exception {
    String n = nonce();
    HttpResponse<String> response = gw.chat(openAi("pm/chat", stream, "", flagged(n)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonNode error = GatewayHarness.json(response.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("permission_error");
    assertThat(error.path("code").asText()).isEqualTo("policy_blocked");
    assertThat(error.path("message").asText())
        .contains("policy.classes.regulated")
        .contains("CREDIT_CARD, EMAIL");
    assertLeavesNoTrace(response);
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aCard_isBlocked_inAnthropicFormat(boolean stream) throws Exception {
    String n = nonce();
    HttpResponse<String> response = gw.messages(anthropic("pm/chat", stream, flagged(n)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonNode body = GatewayHarness.json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(body.path("error").path("message").asText())
        .contains("policy.classes.regulated")
        .contains("CREDIT_CARD");
    assertLeavesNoTrace(response);
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void theHeader_canBlockACleanRequest_andSaysSo() throws Exception {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(
            openAi("pm/chat", false, "", "Nothing here " + tag(n)), "X-Data-Class", "regulated");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(GatewayHarness.json(response.body()).path("error").path("message").asText())
        .contains("policy.classes.regulated")
        .contains("X-Data-Class");
    assertThat(gw.row(response).status()).isEqualTo(403);
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void aLowerClass_isStillRouted_underTheSamePolicy() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/chat", false, "", "Mail " + EMAIL + " " + tag(n)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(gw.providers.providers(n)).containsExactly("nowhere");
    assertThat(gw.row(response).status()).isEqualTo(200);
  }

  @Test
  void aCardInAnEarlierTurnOrTheSystemPrompt_isBlockedToo() {
    String n = nonce();
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"Customer card: "
            + CARD
            + "\"},"
            + "{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello.\"},"
            + "{\"role\":\"user\",\"content\":\"What is on file? "
            + tag(n)
            + "\"}]}";
    HttpResponse<String> response = gw.chat(body);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).doesNotContain(DIGITS);
    assertThat(gw.providers.providers(n)).isEmpty();
  }
}
