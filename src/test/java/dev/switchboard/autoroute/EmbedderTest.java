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

  @Test
  void aLongTextIsReadAsItsFirstAndLastTokensSoItsCostHasACeiling() {
    String text = "alpha ".repeat(300) + "the final question";
    long[] ids = embedder.tokens(text);
    long[] question = embedder.tokens("the final question");
    assertThat(ids).hasSize(Embedder.HEAD_TOKENS + Embedder.TAIL_TOKENS + 2);
    assertThat(ids[0]).isEqualTo(question[0]); // [CLS]
    // the tail ends with the question's tokens, then [SEP]
    long[] end = java.util.Arrays.copyOfRange(ids, ids.length - question.length + 1, ids.length);
    assertThat(end).containsExactly(java.util.Arrays.copyOfRange(question, 1, question.length));
    assertThat(embedder.tokens("short text")).hasSize(4);
  }

  @Test
  void agreesWithLangchain4jsWrapperOfTheSameModel() {
    String text = "Which of the following best describes the function of mitochondria?";
    float[] ours = embedder.embed(text);
    float[] theirs =
        new dev.langchain4j.model.embedding.onnx.allminilml6v2q
                .AllMiniLmL6V2QuantizedEmbeddingModel()
            .embed(text)
            .content()
            .vector();
    double norm = Math.sqrt(dot(theirs, theirs));
    assertThat(dot(ours, theirs) / norm).isGreaterThan(0.9999);
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
