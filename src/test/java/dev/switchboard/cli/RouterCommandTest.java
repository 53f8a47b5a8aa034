package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.cli.CliErrorsTest.Run;
import dev.switchboard.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard router train|eval|score} end to end on a tiny benchmark folder. */
class RouterCommandTest {
  @TempDir Path dir;

  @Test
  void trainsOnABenchmarkFolderThenScoresWithTheWeightsItWrote() throws Exception {
    Path data = benchmarkFolder();
    Path weights = dir.resolve("weights.json");
    Path cache = dir.resolve("cache.bin");
    Run train =
        CliErrorsTest.run(
            "router",
            "train",
            "--data",
            data.toString(),
            "--cache",
            cache.toString(),
            "--out",
            weights.toString());
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.out()).contains("wrote").contains("(47 prompts)");
    assertThat(Json.tree(Files.readString(weights)).path("version").asText())
        .isEqualTo(dev.switchboard.autoroute.Training.VERSION);
    assertThat(cache).isRegularFile();

    List<JsonNode> lines =
        score(
            "{\"id\":\"a\",\"prompt\":\"Solve step by step: 17 * 23 - 4 = ?\"}\n"
                + "{\"id\":\"b\",\"prompt\":\"hello\"}\n",
            0,
            "--weights",
            weights.toString());
    assertThat(lines).extracting(l -> l.path("id").asText()).containsExactly("a", "b");
    assertThat(lines).allSatisfy(l -> assertThat(l.path("score").asDouble(-1)).isBetween(0.0, 1.0));
  }

  @Test
  void evalPrintsTheTableWithRandomAndOptimumRows() throws Exception {
    Path data = benchmarkFolder();
    Run eval =
        CliErrorsTest.run(
            "router",
            "eval",
            "--data",
            data.toString(),
            "--cache",
            dir.resolve("c.bin").toString(),
            "--approach",
            "ridge-lexical");
    assertThat(eval.exit()).as(eval.err()).isZero();
    assertThat(eval.out())
        .contains("| benchmark | router | held out by | APGR | CPT(50%) | CPT(80%) |")
        .contains("| mmlu | ridge-lexical | 5-fold |")
        .contains("| gsm8k | ridge-lexical | cross-benchmark |")
        .contains("| mt-bench | per-prompt optimum |")
        .contains("| mmlu | random (mean of 100) |")
        .doesNotContain("knn");
  }

  @Test
  void scoreUsesTheShippedWeightsAndExitsNonZeroOnABadLine() throws Exception {
    List<JsonNode> lines = score("{\"id\":7,\"prompt\":\"What is 2+2?\"}\n{\"id\":8}\n", 1);
    assertThat(lines.get(0).path("id").asInt()).isEqualTo(7);
    assertThat(lines.get(0).path("score").asDouble(-1)).isBetween(0.0, 1.0);
    assertThat(lines.get(1).path("error").asText()).contains("prompt");
  }

  @Test
  void aMissingDataFolderIsOneClearLine() {
    Run run = CliErrorsTest.run("router", "eval", "--data", dir.resolve("nope").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).startsWith("switchboard: ").contains("no such folder");
  }

  private List<JsonNode> score(String input, int exit, String... options) throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      String[] args = new String[options.length + 2];
      args[0] = "router";
      args[1] = "score";
      System.arraycopy(options, 0, args, 2, options.length);
      Run run = CliErrorsTest.run(args);
      assertThat(run.exit()).as(run.err()).isEqualTo(exit);
      List<JsonNode> lines = new java.util.ArrayList<>();
      for (String line : run.out().strip().split("\n")) {
        lines.add(Json.tree(line));
      }
      return lines;
    } finally {
      System.setIn(stdin);
    }
  }

  /** A routellm-evals-shaped folder: 2 MMLU subjects, GSM8K and MT-Bench, 16 prompts each. */
  private Path benchmarkFolder() throws Exception {
    Path root = dir.resolve("routellm-evals");
    Path mmlu = Files.createDirectories(root.resolve("mmlu/responses"));
    Path gsm = Files.createDirectories(root.resolve("gsm8k"));
    Path mt = Files.createDirectories(root.resolve("mt_bench"));
    String header = "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview";
    for (String subject : List.of("algebra", "history")) {
      StringBuilder csv = new StringBuilder(header + "\n");
      for (int i = 0; i < 8; i++) {
        csv.append("\"Question ")
            .append(subject)
            .append(' ')
            .append(i)
            .append(" about \"\"things\"\",\nA. one\nB. two\nAnswer:\",")
            .append(i % 3 == 0 ? "False" : "True")
            .append(',')
            .append(i % 4 == 0 ? "False" : "True")
            .append('\n');
      }
      Files.writeString(mmlu.resolve("mmlu_" + subject + ".csv"), csv);
    }
    StringBuilder csv = new StringBuilder(header + ",w_response,s_response\n");
    for (int i = 0; i < 16; i++) {
      csv.append("Tom has ")
          .append(i)
          .append(" apples and buys ")
          .append(i * 7)
          .append(" more. How many?,")
          .append(i % 2 == 0 ? "True" : "False")
          .append(",True,x,y\n");
    }
    Files.writeString(gsm.resolve("gsm8k_responses.csv"), csv);
    StringBuilder questions = new StringBuilder();
    StringBuilder judgements = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      questions.append(
          String.format(
              "{\"question_id\": %d, \"category\": \"x\", \"turns\": [\"Task %d: write a poem\", \"Shorter\"]}%n",
              i, i));
      for (int turn = 1; turn <= 2; turn++) {
        judgements.append(
            String.format(
                "{\"question_id\": %d, \"model\": \"gpt-4-1106-preview\", \"turn\": %d, \"score\": %d}%n",
                i, turn, 9));
        judgements.append(
            String.format(
                "{\"question_id\": %d, \"model\": \"mistralai/Mixtral-8x7B-Instruct-v0.1\", \"turn\": %d, \"score\": %d}%n",
                i, turn, 4 + i % 6));
      }
    }
    Files.writeString(mt.resolve("question.jsonl"), questions);
    Files.writeString(mt.resolve("judgements.jsonl"), judgements);
    for (Path folder : List.of(root.resolve("mmlu"), gsm, mt)) {
      Files.writeString(folder.resolve("contaminated_prompts.jsonl"), "");
    }
    Files.writeString(
        mt.resolve("contaminated_prompts.jsonl"), "{\"eval_prompt\": \"Task 15: write a poem\"}\n");
    return root;
  }
}
