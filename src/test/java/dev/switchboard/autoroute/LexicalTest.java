package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalTest {
  @Test
  void countsWhatKindOfRequestItIsAndHowItReads() {
    double[] maths =
        Lexical.of(
            "Calculate how many apples remain if John does not eat at least 3 of the 12."
                + " Explain why.");
    double[] chat = Lexical.of("hello there friend");
    assertThat(maths).hasSize(Lexical.NAMES.size());
    assertThat(feature(maths, "log_compute_words")).isEqualTo(Math.log1p(2)); // calculate, how many
    assertThat(feature(maths, "log_explain_words")).isEqualTo(Math.log1p(2)); // explain, why
    assertThat(feature(maths, "log_negations")).isEqualTo(Math.log1p(2)); // not, least
    assertThat(feature(maths, "log_constraints")).isEqualTo(Math.log1p(2)); // at least, if
    assertThat(feature(maths, "log_numbers")).isEqualTo(Math.log1p(2));
    assertThat(feature(chat, "log_compute_words")).isZero();
    assertThat(feature(chat, "distinct_word_share")).isEqualTo(1.0);
    assertThat(feature(chat, "mean_word_length")).isEqualTo(16 / 3.0);
  }

  @Test
  void countsListedItemsAndCodeMarks() {
    double[] listed = Lexical.of("Steps:\n1. read\n2) write\n- test\n```java\nx\\n\n```");
    assertThat(feature(listed, "log_list_items")).isEqualTo(Math.log1p(3));
    assertThat(feature(listed, "log_code_marks")).isEqualTo(Math.log1p(3));
    assertThat(Lexical.of("")).hasSize(Lexical.NAMES.size()).doesNotContain(Double.NaN);
  }

  private static double feature(double[] features, String name) {
    return features[Lexical.NAMES.indexOf(name)];
  }
}
