package dev.switchboard.wire.conformance;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.switchboard.wire.WireFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * One cell of the matrix as a dynamic test whose failure names the cell: reports that show only the
 * test's index ("[3][1]") still say which format and scenario broke.
 */
final class Cell {
  /** A check of one format. */
  @FunctionalInterface
  interface FormatCheck {
    void check(WireFormat format) throws Exception;
  }

  private Cell() {}

  /** One cell per format, named by the format. */
  static Stream<DynamicNode> perFormat(FormatCheck check) {
    return Scenarios.formats().stream().map(format -> of(format.name(), () -> check.check(format)));
  }

  static DynamicTest of(String name, Executable check) {
    return dynamicTest(
        name,
        () -> {
          try {
            check.execute();
          } catch (AssertionError | Exception e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
          }
        });
  }
}
