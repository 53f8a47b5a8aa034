package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code switchboard router score}: JSON lines {@code {"id": ..., "prompt": "..."}} in, {@code
 * {"id": ..., "score": s}} out, one per input line and in order. A line that is not such an object
 * is answered with {@code {"id": ..., "error": "..."}} and the rest still scored.
 */
public final class ScoreLines {
  private ScoreLines() {}

  /** A scorer with the weights in {@code file} (as {@code router train} writes them). */
  public static PromptScorer fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return RouterModel.fromJson(Json.mapper().readTree(in), new Embedder());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read auto router weights " + file, e);
    }
  }

  /** Scores every line of {@code in}; returns how many lines were answered with an error. */
  public static int run(BufferedReader in, PrintWriter out, PromptScorer scorer)
      throws IOException {
    int errors = 0;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode answer = Json.object();
      try {
        JsonNode request = Json.tree(line);
        answer.set("id", request.has("id") ? request.get("id") : NullNode.instance);
        JsonNode prompt = request.path("prompt");
        if (!prompt.isTextual()) {
          throw new WireException("\"prompt\" must be a string");
        }
        answer.put("score", scorer.score(prompt.asText()));
      } catch (WireException e) {
        errors++;
        answer.put("error", e.getMessage());
      }
      out.println(Json.string(answer));
      out.flush();
    }
    return errors;
  }
}
