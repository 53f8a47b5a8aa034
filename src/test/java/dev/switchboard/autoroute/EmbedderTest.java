package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbedderTest {
  private final Embedder embedder = new Embedder();

  @Test
  void embedsToUnitVectorsWhereSimilarMeaningIsCloser() {
    float[] cat = embedder.embed("The cat sat on the mat.");
    float[] kitten = embedder.embed("A kitten is sitting on a rug.");
    float[] tax = embedder.embed("How do I file my quarterly corporate tax return?");
    assertThat(cat).hasSize(Embedder.DIMENSION);
    assertThat(dot(cat, cat)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, tax) + 0.2);
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
