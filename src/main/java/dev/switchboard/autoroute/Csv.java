package dev.switchboard.autoroute;

import java.util.ArrayList;
import java.util.List;

/** An RFC-4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
final class Csv {
  private Csv() {}

  /** The rows of {@code text}, the header included, each a list of its fields. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i < text.length() && text.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
