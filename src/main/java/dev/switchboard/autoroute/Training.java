package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code switchboard router train}: fits the shipped approach on every labelled prompt and writes
 * the weights file, with the calibration that turns the blend's score into its percentile among the
 * training prompts (so a score threshold maps to a share of strong calls).
 */
public final class Training {
  /** The version of the weights this code trains (recorded in the ledger with each pick). */
  public static final String VERSION = "ridge-stumps-minilm40-2026-12-06d";

  private Training() {}

  /** The weights file's content for a model trained on all of {@code corpus}. */
  public static ObjectNode train(Corpus corpus) {
    List<Row> rows = corpus.rows();
    BlendedHead head = new RidgeStumpsApproach(VERSION).fit(rows);
    double[] scores = rows.stream().mapToDouble(head::score).toArray();
    ObjectNode tree = head.ridge().toJson();
    head.write(tree.putObject("stumps"));
    ObjectNode training = tree.putObject("training");
    training.put("data", "routellm-evals (lm-sys/RouteLLM 0b64fdaf): MMLU, GSM8K, MT-Bench");
    training.put("prompts", rows.size());
    training.put("embedding_penalty", RidgeApproach.EMBEDDING_PENALTY);
    training.put("lexical_penalty", RidgeApproach.LEXICAL_PENALTY);
    training.put(
        "stumps",
        Stumps.ROUNDS
            + " boosted stumps per target on the lexical counts, step "
            + Stumps.RATE
            + ", L2 "
            + Stumps.L2
            + ", at least "
            + Stumps.MIN_SIDE
            + " prompts a side");
    training.put(
        "score",
        "(1 - w) * percentile(ridge) + w * percentile(stumps), w = stumps.weight; each of ridge"
            + " and stumps is clamp(weak_failure, 0.01, 1) * clamp(strong_success, 0.01, 1)");
    ArrayNode deciles = training.putArray("raw_score_deciles");
    Arrays.stream(RouteEval.deciles(scores)).forEach(d -> deciles.add((float) d));
    Calibration.of(scores).write(tree.putArray("calibration"));
    return tree;
  }

  /** Writes the weights file. */
  public static void write(ObjectNode weights, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Json.string(weights) + "\n", StandardCharsets.UTF_8);
  }
}
