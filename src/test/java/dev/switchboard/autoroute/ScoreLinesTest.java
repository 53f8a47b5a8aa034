package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreLinesTest {
  @Test
  void scoresEachLineWithTheShippedWeightsKeepingIdsAndOrder() throws Exception {
    String input =
        """
        {"id": "easy", "prompt": "What is the capital of France?"}
        {"id": 2, "prompt": "Let f be a continuous function on [0,1] with f(0)=f(1). Prove that for every n there exist x and y with |x-y| = 1/n and f(x) = f(y). Then compute the number of such pairs when f(x) = sin(2 pi x) and n = 7."}

        {"prompt": "no id here"}
        """;
    List<JsonNode> lines = run(input, PromptScorer.shipped(), 0);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("id").asText()).isEqualTo("easy");
    assertThat(lines.get(1).path("id").isInt()).isTrue();
    assertThat(lines.get(2).path("id").isNull()).isTrue();
    for (JsonNode line : lines) {
      assertThat(line.path("score").asDouble(-1)).isBetween(0.0, 1.0);
    }
    assertThat(lines.get(1).path("score").asDouble())
        .as("a competition proof needs the strong model more than a capital city")
        .isGreaterThan(lines.get(0).path("score").asDouble());
  }

  @Test
  void aLineWithoutAPromptIsAnsweredWithAnErrorAndTheRestStillScored() throws Exception {
    PromptScorer fixed =
        new PromptScorer() {
          @Override
          public String version() {
            return "fixed";
          }

          @Override
          public double score(String prompt) {
            return prompt.length() / 100.0;
          }
        };
    List<JsonNode> lines =
        run("{\"id\":1}\nnot json\n{\"id\":3,\"prompt\":\"twelve chars\"}\n", fixed, 2);
    assertThat(lines.get(0).path("error").asText()).contains("prompt");
    assertThat(lines.get(1).path("error").asText()).isNotEmpty();
    assertThat(lines.get(2).path("score").asDouble()).isEqualTo(0.12);
  }

  private static List<JsonNode> run(String input, PromptScorer scorer, int expectedErrors)
      throws Exception {
    StringWriter out = new StringWriter();
    int errors =
        ScoreLines.run(new BufferedReader(new StringReader(input)), new PrintWriter(out), scorer);
    assertThat(errors).isEqualTo(expectedErrors);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(Json.tree(line));
    }
    return lines;
  }
}
