package dev.switchboard.insight.category;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures the rule-based classifier on two labelled samples (see
 * src/test/resources/insight/README.md) and prints accuracy overall and per label; fails below the
 * accuracy the README states.
 */
class CategorizerAccuracyTest {
  private static final Map<String, Category> MT_BENCH =
      Map.of(
          "coding", Category.PROGRAMMING,
          "math", Category.MATH,
          "writing", Category.CREATIVE,
          "roleplay", Category.ROLEPLAY,
          "extraction", Category.ANALYSIS,
          "reasoning", Category.ANALYSIS,
          "stem", Category.KNOWLEDGE,
          "humanities", Category.KNOWLEDGE);

  /** One labelled prompt and what the classifier said. */
  record Scored(String prompt, Category expected, Category actual) {}

  @Test
  void ownSample_gatewayShapedPrompts() throws IOException {
    List<Scored> scored = new ArrayList<>();
    for (JsonNode line : lines("insight/categories.jsonl")) {
      Category actual =
          Categorizer.of(
              line.path("prompt").asText(),
              line.path("system").asText(),
              line.path("tools").asBoolean(),
              line.path("tool_results").asBoolean());
      scored.add(
          new Scored(
              line.path("prompt").asText(),
              Category.valueOf(line.path("label").asText().toUpperCase(Locale.ROOT)),
              actual));
    }
    assertThat(scored).hasSize(100);
    assertThat(report("own sample (100 prompts)", scored)).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void mtBench_writtenByOthers() throws IOException {
    List<Scored> scored = new ArrayList<>();
    for (JsonNode line : lines("insight/mt-bench-questions.jsonl")) {
      String prompt = line.path("prompt").asText();
      scored.add(
          new Scored(
              prompt,
              MT_BENCH.get(line.path("category").asText()),
              Categorizer.of(prompt, "", false, false)));
    }
    assertThat(scored).hasSize(80);
    assertThat(report("MT-Bench first turns (80)", scored)).isGreaterThanOrEqualTo(0.6);
  }

  private static double report(String name, List<Scored> scored) {
    Map<Category, int[]> perLabel = new TreeMap<>();
    int right = 0;
    for (Scored s : scored) {
      int[] counts = perLabel.computeIfAbsent(s.expected(), k -> new int[2]);
      counts[1]++;
      if (s.expected() == s.actual()) {
        counts[0]++;
        right++;
      }
    }
    double accuracy = right / (double) scored.size();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "category accuracy, %s: %.1f%%%n", name, 100 * accuracy));
    perLabel.forEach(
        (label, c) ->
            out.append(
                String.format(Locale.ROOT, "  %-14s %3d/%3d%n", label.wireName(), c[0], c[1])));
    for (Scored s : scored) {
      if (s.expected() != s.actual()) {
        String prompt = s.prompt().replace('\n', ' ');
        out.append(
            String.format(
                Locale.ROOT,
                "  miss: %s -> %s: %s%n",
                s.expected().wireName(),
                s.actual().wireName(),
                prompt.substring(0, Math.min(70, prompt.length()))));
      }
    }
    System.out.print(out);
    return accuracy;
  }

  private static List<JsonNode> lines(String resource) throws IOException {
    try (InputStream in =
        CategorizerAccuracyTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(Json.mapper().readTree(line));
        }
      }
      return lines;
    }
  }
}
