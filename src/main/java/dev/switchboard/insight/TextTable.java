package dev.switchboard.insight;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: columns padded to their widest cell, numbers right-aligned.
 */
final class TextTable {
  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  private TextTable(List<String> headers, boolean[] rightAligned) {
    this.headers = headers;
    this.rightAligned = rightAligned;
  }

  /** Headers starting with '>' are right-aligned (the '>' is not shown). */
  static TextTable of(String... headers) {
    boolean[] right = new boolean[headers.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < headers.length; i++) {
      right[i] = headers[i].startsWith(">");
      names.add(right[i] ? headers[i].substring(1) : headers[i]);
    }
    return new TextTable(List.copyOf(names), right);
  }

  TextTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  void appendTo(StringBuilder out) {
    int[] widths = new int[headers.size()];
    for (List<String> line : allLines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : allLines()) {
      StringBuilder text = new StringBuilder("  ");
      for (int i = 0; i < widths.length; i++) {
        String cell = line.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        text.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + cell : cell + pad);
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
  }

  private List<List<String>> allLines() {
    List<List<String>> lines = new ArrayList<>(rows.size() + 1);
    lines.add(headers);
    lines.addAll(rows);
    return lines;
  }
}
