package dev.switchboard.autoroute;

/**
 * One benchmark prompt with both models' quality on it: 0/1 correctness (MMLU, GSM8K) or the mean
 * judge grade 1-10 over both turns (MT-Bench, {@code graded}). {@code group} is what folds keep
 * together: the MMLU subject, else the benchmark.
 */
record Example(
    String benchmark, String group, String prompt, double strong, double weak, boolean graded) {
  /** How far the weak model falls short of a perfect answer, in [0, 1]: the first target. */
  double weakFailure() {
    return 1 - unit(weak);
  }

  /** How good the strong model's answer is, in [0, 1]: the second target. */
  double strongSuccess() {
    return unit(strong);
  }

  private double unit(double quality) {
    return graded ? (quality - 1) / 9 : quality;
  }
}
