package dev.switchboard.autoroute;

/** A fitted scorer over features: higher means the prompt more likely needs the strong model. */
@FunctionalInterface
interface Head {
  double score(float[] embedding, double[] lexical);

  default double score(Row row) {
    return score(row.embedding(), row.lexical());
  }
}
