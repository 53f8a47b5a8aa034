package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the routellm-evals folder (RouteLLM's evaluation data: GPT-4-1106 as the strong model,
 * Mixtral-8x7B as the weak one) into {@link Example}s, without the prompts its README lists as
 * contaminated.
 */
final class RouteLlmData {
  static final String MMLU = "mmlu";
  static final String GSM8K = "gsm8k";
  static final String MT_BENCH = "mt-bench";
  static final String STRONG = "gpt-4-1106-preview";
  static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";

  private RouteLlmData() {}

  /** Every usable example of the three benchmarks, MMLU first, then GSM8K and MT-Bench. */
  static List<Example> load(Path dir) throws IOException {
    List<Example> all = new ArrayList<>(mmlu(dir.resolve("mmlu")));
    all.addAll(gsm8k(dir.resolve("gsm8k")));
    all.addAll(mtBench(dir.resolve("mt_bench")));
    return all;
  }

  static List<Example> mmlu(Path dir) throws IOException {
    Set<String> contaminated = contaminated(dir);
    List<Example> examples = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir.resolve("responses"))) {
      files = listing.sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String subject = name.substring("mmlu_".length(), name.length() - ".csv".length());
      examples.addAll(correctness(file, MMLU, subject, contaminated));
    }
    return examples;
  }

  static List<Example> gsm8k(Path dir) throws IOException {
    return correctness(dir.resolve("gsm8k_responses.csv"), GSM8K, GSM8K, contaminated(dir));
  }

  /** MT-Bench: routed on the first turn, quality is the mean judge grade over both turns. */
  static List<Example> mtBench(Path dir) throws IOException {
    Set<String> contaminated = contaminated(dir);
    Map<String, double[]> grades = new HashMap<>();
    for (JsonNode judgement : jsonLines(dir.resolve("judgements.jsonl"))) {
      String model = judgement.path("model").asText();
      int side = model.equals(STRONG) ? 0 : model.equals(WEAK) ? 1 : -1;
      if (side >= 0) {
        String id = judgement.path("question_id").asText();
        grades.computeIfAbsent(id, k -> new double[2])[side] +=
            judgement.path("score").asDouble() / 2;
      }
    }
    List<Example> examples = new ArrayList<>();
    for (JsonNode question : jsonLines(dir.resolve("question.jsonl"))) {
      String first = question.path("turns").path(0).asText();
      String second = question.path("turns").path(1).asText();
      double[] grade = grades.get(question.path("question_id").asText());
      if (grade == null || contaminated.contains(first) || contaminated.contains(second)) {
        continue;
      }
      examples.add(new Example(MT_BENCH, MT_BENCH, first, grade[0], grade[1], true));
    }
    return examples;
  }

  private static List<Example> correctness(
      Path file, String benchmark, String group, Set<String> contaminated) throws IOException {
    List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
    List<String> header = rows.getFirst();
    int prompt = header.indexOf("prompt");
    int strong = header.indexOf(STRONG);
    int weak = header.indexOf(WEAK);
    List<Example> examples = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      String text = row.get(prompt);
      if (!contaminated.contains(text)) {
        examples.add(
            new Example(
                benchmark, group, text, truth(row.get(strong)), truth(row.get(weak)), false));
      }
    }
    return examples;
  }

  private static double truth(String value) {
    return Boolean.parseBoolean(value.strip()) ? 1 : 0;
  }

  private static Set<String> contaminated(Path dir) throws IOException {
    Set<String> prompts = new HashSet<>();
    for (JsonNode line : jsonLines(dir.resolve("contaminated_prompts.jsonl"))) {
      prompts.add(line.path("eval_prompt").asText());
    }
    return prompts;
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        nodes.add(Json.mapper().readTree(line));
      }
    }
    return nodes;
  }
}
