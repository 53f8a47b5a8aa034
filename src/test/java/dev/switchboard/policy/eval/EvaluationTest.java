package dev.switchboard.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.Scanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The detectors on the committed corpus meet the targets of issue 9, part 7. */
class EvaluationTest {
  private static final Scanner SCANNER = new Scanner(DetectorConfig.DEFAULTS);

  @Test
  void theCommittedCorpusIsWhatTheGeneratorWrites() throws Exception {
    String committed = Files.readString(CorpusGenerator.CORPUS, StandardCharsets.UTF_8);
    assertThat(committed)
        .as("regenerate with CorpusGenerator.main")
        .isEqualTo(CorpusGenerator.jsonl(CorpusGenerator.generate()));
    assertThat(committed.lines().count()).isBetween(3000L, 6000L);
    assertThat(Files.size(CorpusGenerator.CORPUS)).isLessThan(2_000_000L);
  }

  @Test
  void theDetectorsMeetTheirTargets() throws Exception {
    EvalReport report = Evaluation.run(SCANNER, CorpusGenerator.CORPUS);
    StringWriter printed = new StringWriter();
    report.print(new PrintWriter(printed));
    String table = printed.toString();

    assertThat(report.type("CREDIT_CARD").orElseThrow().recall()).as(table).isEqualTo(1.0);
    assertThat(report.type("IBAN").orElseThrow().recall()).as(table).isEqualTo(1.0);
    assertThat(report.acceptedInvalid("CREDIT_CARD")).as(table).isZero();
    assertThat(report.acceptedInvalid("IBAN")).as(table).isZero();
    assertThat(report.type("EMAIL").orElseThrow().recall()).as(table).isGreaterThanOrEqualTo(0.98);
    assertThat(report.type("US_SSN").orElseThrow().recall()).as(table).isGreaterThanOrEqualTo(0.93);
    assertThat(report.type("PHONE").orElseThrow().recall()).as(table).isGreaterThanOrEqualTo(0.90);
    assertThat(report.falsePositiveRate()).as(table).isLessThanOrEqualTo(0.01);
    assertThat(report.invalidTexts()).containsKeys("CREDIT_CARD", "IBAN", "US_SSN");
  }

  @Test
  void theReportPrintsEveryTypeAndTheNegatives() throws Exception {
    EvalReport report = Evaluation.run(SCANNER, CorpusGenerator.CORPUS);
    StringWriter printed = new StringWriter();
    report.print(new PrintWriter(printed));
    assertThat(printed.toString())
        .contains("CREDIT_CARD", "IBAN", "EMAIL", "PHONE", "US_SSN", "IP_ADDRESS", "SECRET")
        .contains("false positives:")
        .contains("checksum-invalid IBAN accepted: 0 of");
  }
}
