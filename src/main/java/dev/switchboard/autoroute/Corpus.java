package dev.switchboard.autoroute;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled rows training and evaluation read: the RouteLLM benchmark prompts, cut as served
 * ({@link PromptText#clip}), embedded (through an on-disk cache) and counted.
 */
public final class Corpus {
  private final List<Row> rows;

  private Corpus(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * Reads {@code data} (a routellm-evals folder) and embeds its prompts, reusing and extending the
   * cache file {@code cache}; progress goes to {@code log}.
   */
  public static Corpus load(Path data, Path cache, PrintWriter log) throws IOException {
    return load(data, cache, log, new Embedder());
  }

  /** {@link #load(Path, Path, PrintWriter)} with another embedder (to compare token budgets). */
  static Corpus load(Path data, Path cache, PrintWriter log, Embedder embedder) throws IOException {
    List<Example> examples = RouteLlmData.load(data);
    List<String> texts = examples.stream().map(e -> PromptText.clip(e.prompt())).toList();
    EmbeddingCache embeddings = EmbeddingCache.open(cache);
    long start = System.nanoTime();
    float[][] vectors =
        embeddings.embedAll(
            texts,
            embedder,
            (done, total) -> {
              if (done % 2000 == 0 || done == total) {
                log.printf(
                    "embedded %d/%d prompts (%.0f s)%n",
                    done, total, (System.nanoTime() - start) / 1e9);
                log.flush();
              }
            });
    embeddings.save();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      rows.add(new Row(examples.get(i), vectors[i], Lexical.of(texts.get(i))));
    }
    return new Corpus(rows);
  }

  List<Row> rows() {
    return rows;
  }

  /** The number of labelled prompts. */
  public int size() {
    return rows.size();
  }
}
