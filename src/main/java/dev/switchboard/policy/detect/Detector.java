package dev.switchboard.policy.detect;

import java.util.List;

/** One kind of detection over a text; adds its findings to {@code out}, in any order. */
@FunctionalInterface
interface Detector {
  void find(String text, List<Finding> out);
}
