package dev.switchboard.autoroute;

import java.util.List;

/** A way to learn a {@link Head} from labelled rows; evaluation compares approaches by name. */
interface Approach {
  String name();

  /** A short description for the evaluation report. */
  String description();

  Head fit(List<Row> rows);

  /**
   * Both targets' estimates combined: P(weak model falls short) x P(strong model succeeds), each
   * clamped to [0.01, 1] so that neither estimate alone can zero the other's ranking.
   */
  static double combine(double weakFailure, double strongSuccess) {
    return clamp(weakFailure) * clamp(strongSuccess);
  }

  private static double clamp(double p) {
    return Math.min(1, Math.max(0.01, p));
  }
}
