package dev.switchboard.autoroute;

/**
 * A router's figures on one benchmark, as RouteLLM computes them: the quality/strong-share curve,
 * APGR (area under it above the weak model, over the strong-weak gap) and CPT(x) (the strong-call
 * share at which quality first reaches weak + x (strong - weak)).
 */
record Metrics(double[] share, double[] quality, double apgr, double cpt50, double cpt80) {
  /** The metrics of the curve {@code (share[i], quality[i])}, sorted by share. */
  static Metrics of(double[] share, double[] quality, double strong, double weak) {
    double area = 0;
    for (int i = 1; i < share.length; i++) {
      area += (share[i] - share[i - 1]) * (quality[i] + quality[i - 1]) / 2;
    }
    double span = share[share.length - 1] - share[0];
    double apgr = (area - weak * span) / ((strong - weak) * span);
    return new Metrics(
        share,
        quality,
        apgr,
        cpt(share, quality, weak + 0.5 * (strong - weak)),
        cpt(share, quality, weak + 0.8 * (strong - weak)));
  }

  private static double cpt(double[] share, double[] quality, double target) {
    for (int i = 0; i < share.length; i++) {
      if (quality[i] >= target) {
        if (i == 0) {
          return share[0];
        }
        double step = quality[i] - quality[i - 1];
        return share[i - 1] + (target - quality[i - 1]) * (share[i] - share[i - 1]) / step;
      }
    }
    return Double.NaN;
  }
}
