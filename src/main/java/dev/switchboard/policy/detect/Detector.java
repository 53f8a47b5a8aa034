package dev.switchboard.policy.detect;

import java.util.List;

/** One kind of detection over a text; adds its findings to {@code out}, in any order. */
@FunctionalInterface
interface Detector {
  void find(String text, List<Finding> out);

  /**
   * Like {@link #find(String, List)}; a detector that may run long on a large text calls {@link
   * Deadline#check} at least every {@link Deadline#STRIDE} characters.
   */
  default void find(String text, List<Finding> out, Deadline deadline) {
    find(text, out);
  }
}
