package dev.switchboard.policy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.FindingType;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Scanner} over a labelled corpus. A finding counts as a true positive when it has
 * the type of an expected span and overlaps it (libphonenumber may or may not take a bracket or a
 * leading '+' into the span; the type and the place are what the policy acts on).
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Reads {@code corpusJsonl} (one object per line: {@code text}, {@code group}, {@code spans}
   * [{@code type}, {@code start}, {@code end}]) and evaluates {@code scanner} on it.
   *
   * @throws IllegalArgumentException naming the line of a malformed item
   */
  public static EvalReport run(Scanner scanner, Path corpusJsonl) throws IOException {
    return run(scanner, read(corpusJsonl));
  }

  public static EvalReport run(Scanner scanner, List<LabelledText> corpus) {
    EvalReport.Builder report = new EvalReport.Builder();
    for (LabelledText item : corpus) {
      report.add(item, scanner.scan(item.text()));
    }
    return report.build();
  }

  /** The corpus in {@code corpusJsonl}; blank lines are skipped. */
  public static List<LabelledText> read(Path corpusJsonl) throws IOException {
    List<String> lines = Files.readAllLines(corpusJsonl, StandardCharsets.UTF_8);
    List<LabelledText> corpus = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        corpus.add(parse(lines.get(i), corpusJsonl.getFileName() + ":" + (i + 1)));
      }
    }
    return List.copyOf(corpus);
  }

  private static LabelledText parse(String line, String where) {
    try {
      JsonNode item = Json.tree(line);
      List<LabelledText.Span> spans = new ArrayList<>();
      for (JsonNode span : item.path("spans")) {
        spans.add(
            new LabelledText.Span(
                FindingType.of(span.path("type").asText()),
                span.path("start").asInt(-1),
                span.path("end").asInt(-1)));
      }
      if (!item.path("text").isTextual()) {
        throw new IllegalArgumentException("no \"text\" string");
      }
      return new LabelledText(item.path("text").asText(), item.path("group").asText(""), spans);
    } catch (WireException | IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code finding} is the expected {@code span}: same type, overlapping. */
  static boolean matches(Finding finding, LabelledText.Span span) {
    return finding.type().equals(span.type())
        && finding.start() < span.end()
        && span.start() < finding.end();
  }
}
