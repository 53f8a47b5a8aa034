package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard policy scan FILE}, run as main runs it: the scan report as JSON on stdout,
 * offsets and never the matched text, and one clear line on stderr for a mistake.
 */
class PolicyCommandTest {
  private static final String CARD = "4111 1111 1111 1111";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String POLICY =
      """
      policy:
        classes:
          regulated: {jurisdictions: [US, EU], zero_retention: true, no_training: true}
          confidential: {no_training: true}
      """;

  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("switchboard.yaml");
    Files.writeString(config, catalogSection() + POLICY);
  }

  private static String catalogSection() throws IOException {
    try (InputStream in = PolicyCommandTest.class.getResourceAsStream("/e2e/policy-catalog.yaml")) {
      String catalog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder("catalog:\n");
      catalog.lines().forEach(line -> out.append("  ").append(line).append('\n'));
      return out.toString();
    }
  }

  private Path file(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, body);
    return file;
  }

  private static JsonNode json(String text) {
    try {
      return Json.tree(text);
    } catch (WireException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static List<String> providers(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.path("eligible_deployments").forEach(d -> out.add(d.path("provider").asText()));
    return out;
  }

  @Test
  void printsTheReport_withOffsetsAndEligibleDeployments_neverTheText() throws IOException {
    String user = "Charge " + CARD + " and mail " + EMAIL;
    Path request =
        file(
            "req.json",
            "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"system\",\"content\":\"terse\"},"
                + "{\"role\":\"user\",\"content\":\""
                + user
                + "\"}]}");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), request.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("4111").doesNotContain("jane.doe");
    JsonNode report = json(run.out());
    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
    assertThat(report.path("rule").asText()).isEqualTo("policy.classes.regulated");
    assertThat(report.path("action").asText()).isEqualTo("route");
    JsonNode findings = report.path("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).path("type").asText()).isEqualTo("CREDIT_CARD");
    assertThat(findings.get(0).path("message_index").asInt()).isEqualTo(1);
    assertThat(findings.get(0).path("start").asInt()).isEqualTo(user.indexOf(CARD));
    assertThat(findings.get(0).path("end").asInt()).isEqualTo(user.indexOf(CARD) + CARD.length());
    assertThat(findings.get(1).path("type").asText()).isEqualTo("EMAIL");
    assertThat(findings.get(1).path("start").asInt()).isEqualTo(user.indexOf(EMAIL));
    assertThat(findings.get(1).path("end").asInt()).isEqualTo(user.length());
    assertThat(providers(report)).containsExactly("us-zdr", "de-zdr", "fr-zdr");
    assertThat(report.has("no_endpoints")).isFalse();
  }

  @Test
  void theFormatOption_readsAnAnthropicBody_andAHeaderRaisesTheClass() throws IOException {
    Path request =
        file(
            "anthropic.json",
            "{\"model\":\"pm/chat\",\"max_tokens\":50,\"system\":\"Reply to "
                + EMAIL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    CliErrorsTest.Run run =
        CliErrorsTest.run(
            "policy",
            "scan",
            "--config",
            config.toString(),
            "--format",
            "anthropic",
            request.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = json(run.out());
    assertThat(report.path("data_class").asText()).isEqualTo("confidential");
    assertThat(report.path("findings").get(0).path("message_index").asInt()).isEqualTo(-1);
    assertThat(report.path("findings").get(0).path("start").asInt()).isEqualTo(9);
    assertThat(providers(report)).containsExactly("nowhere", "us-zdr", "de-zdr", "fr-zdr");

    CliErrorsTest.Run raised =
        CliErrorsTest.run(
            "policy",
            "scan",
            "--config",
            config.toString(),
            "--header",
            "regulated",
            request.toString());
    assertThat(raised.exit()).as(raised.err()).isZero();
    JsonNode r = json(raised.out());
    assertThat(r.path("data_class").asText()).isEqualTo("regulated");
    assertThat(r.path("raised_by").asText()).isEqualTo("header");
    assertThat(providers(r)).containsExactly("us-zdr", "de-zdr", "fr-zdr");
  }

  @Test
  void nothingEligible_isReported_notAnError() throws IOException {
    Path request =
        file(
            "cn.json",
            "{\"model\":\"pm/cn-only\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + CARD
                + "\"}]}");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), request.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = json(run.out());
    assertThat(report.path("eligible_deployments")).isEmpty();
    assertThat(report.path("no_endpoints").asText())
        .contains("policy.classes.regulated.jurisdictions (processed in CN)");
  }

  @Test
  void eval_printsPrecisionRecallAndF2PerType_onTheCommittedCorpus() {
    CliErrorsTest.Run run =
        CliErrorsTest.run(
            "policy",
            "eval",
            "--config",
            config.toString(),
            "src/test/resources/policy/eval-corpus.jsonl");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("precision")
        .contains("CREDIT_CARD")
        .contains("US_SSN")
        .contains("false positives")
        .contains("checksum-invalid IBAN accepted: 0 of");
    CliErrorsTest.Run missing =
        CliErrorsTest.run(
            "policy", "eval", "--config", config.toString(), dir.resolve("no.jsonl").toString());
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("no.jsonl: no such file");
  }

  @Test
  void aMissingFile_isOneClearLine() {
    Path missing = dir.resolve("nope.json");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), missing.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.errorLines()).hasSize(1);
    assertThat(run.err())
        .contains("nope.json")
        .doesNotContain("Exception")
        .doesNotContain("at dev.");
  }

  @Test
  void aBodyThatIsNoChatRequest_orABadFormat_isOneClearLine() throws IOException {
    Path notJson = file("bad.json", "{\"model\": \"pm/chat\", \"messages\": [");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), notJson.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.errorLines()).hasSize(1);
    assertThat(run.err()).contains("bad.json").doesNotContain("at dev.");

    Path ok = file("ok.json", "{\"model\":\"pm/chat\",\"messages\":[]}");
    CliErrorsTest.Run format =
        CliErrorsTest.run(
            "policy", "scan", "--config", config.toString(), "--format", "yaml", ok.toString());
    assertThat(format.exit()).isNotZero();
    assertThat(format.err()).contains("--format");
  }

  @Test
  void aBadPolicy_namesTheFileLineAndField() throws IOException {
    Files.writeString(
        config,
        catalogSection()
            + "policy:\n  classes:\n    regulated:\n      jurisdictions: [US, Europe]\n");
    int line = (int) (catalogSection().lines().count() + 4);
    Path ok =
        file(
            "ok.json",
            "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), ok.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.errorLines()).hasSize(1);
    assertThat(run.err())
        .contains(config + " line " + line)
        .contains("policy.classes.regulated.jurisdictions[1]")
        .contains("Europe");
  }

  @Test
  void withoutAPolicySection_theExamplePolicyApplies() throws IOException {
    Files.writeString(config, catalogSection());
    Path request =
        file(
            "req.json",
            "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"card "
                + CARD
                + "\"}]}");
    CliErrorsTest.Run run =
        CliErrorsTest.run("policy", "scan", "--config", config.toString(), request.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = json(run.out());
    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
    assertThat(providers(report)).containsExactly("us-zdr", "de-zdr", "fr-zdr");
  }

  @Test
  void serve_refusesABadPolicyAtStartUp_namingTheFileLineAndField() throws IOException {
    String yaml =
        "storage: {sqlite_path: \""
            + dir.resolve("gw.db")
            + "\"}\npolicy:\n  findings:\n    EMAIL: confidential\n"
            + "    PASSPORT: regulated\n";
    Files.writeString(config, yaml);
    CliErrorsTest.Run run = CliErrorsTest.run("serve", "--config", config.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.errorLines()).as(run.err()).hasSize(1);
    assertThat(run.err())
        .contains(config + " line 5")
        .contains("policy.findings.PASSPORT")
        .contains("unknown finding type")
        .doesNotContain("Exception");
  }

  @Test
  void policyAlone_printsItsUsage() {
    CliErrorsTest.Run run = CliErrorsTest.run("policy");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("scan");
  }
}
