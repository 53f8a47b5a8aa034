package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What the dashboard's charts show, as its {@code switchboardDashboard.snapshot()} reads them back
 * from ECharts after an action: names and the numbers drawn for them.
 */
final class ChartSnapshot {
  private ChartSnapshot() {}

  /** Runs {@code switchboardDashboard.<action>} in the page, waits for it, then snapshots. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> run(WebDriver browser, String action) {
    Object result =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " const d = window.switchboardDashboard;"
                    + " d."
                    + action
                    + ".then(() => done(d.snapshot()), (e) => done({error: String(e)}));");
    Map<String, Object> snapshot = (Map<String, Object>) result;
    if (snapshot.containsKey("error")) {
      throw new AssertionError("the dashboard failed: " + snapshot.get("error"));
    }
    return snapshot;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> chart(Map<String, Object> snapshot, String name) {
    Map<String, Object> charts = (Map<String, Object>) snapshot.get("charts");
    Map<String, Object> chart = (Map<String, Object>) charts.get(name);
    if (chart == null) {
      throw new AssertionError("the " + name + " chart was never drawn");
    }
    return chart;
  }

  @SuppressWarnings("unchecked")
  static List<String> axis(Map<String, Object> snapshot, String name) {
    Object axis = chart(snapshot, name).get("axis");
    return axis == null ? List.of() : ((List<Object>) axis).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> series(Map<String, Object> snapshot, String name, int index) {
    List<Map<String, Object>> series =
        (List<Map<String, Object>>) chart(snapshot, name).get("series");
    if (series.size() <= index) {
      throw new AssertionError("the " + name + " chart has no series " + index + ": " + series);
    }
    return (List<Object>) series.get(index).get("data");
  }

  /** Series {@code index} of a bar chart: axis name (+ suffix) -> value. */
  static Map<String, Double> bars(
      Map<String, Object> snapshot, String name, int index, String suffix) {
    List<String> axis = axis(snapshot, name);
    List<Object> data = series(snapshot, name, index);
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < axis.size(); i++) {
      out.put(axis.get(i) + suffix, number(data.get(i)));
    }
    return out;
  }

  static Map<String, Double> bars(Map<String, Object> snapshot, String name, int index) {
    return bars(snapshot, name, index, "");
  }

  /** A pie's slices: name -> value. */
  @SuppressWarnings("unchecked")
  static Map<String, Double> pie(Map<String, Object> snapshot, String name) {
    Map<String, Double> out = new HashMap<>();
    for (Object slice : series(snapshot, name, 0)) {
      Map<String, Object> s = (Map<String, Object>) slice;
      out.put(String.valueOf(s.get("name")), number(s.get("value")));
    }
    return out;
  }

  /** A stacked bar chart: "category|series" -> value, leaving out zero segments (absent rows). */
  @SuppressWarnings("unchecked")
  static Map<String, Double> stacked(Map<String, Object> snapshot, String name) {
    List<String> axis = axis(snapshot, name);
    List<Map<String, Object>> series =
        (List<Map<String, Object>>) chart(snapshot, name).get("series");
    Map<String, Double> out = new HashMap<>();
    for (Map<String, Object> s : series) {
      List<Object> data = (List<Object>) s.get("data");
      for (int i = 0; i < axis.size(); i++) {
        double value = number(data.get(i));
        if (value != 0) {
          out.put(axis.get(i) + "|" + s.get("name"), value);
        }
      }
    }
    return out;
  }

  /** The health table: deployment -> attempts in the last hour. */
  @SuppressWarnings("unchecked")
  static Map<String, Double> healthTable(Map<String, Object> snapshot) {
    Map<String, Double> out = new HashMap<>();
    for (Object row : (List<Object>) snapshot.get("health")) {
      List<Object> cells = (List<Object>) row;
      out.put(String.valueOf(cells.get(0)), number(cells.get(1)));
    }
    return out;
  }

  /** The generation ids in the live request log, newest first. */
  @SuppressWarnings("unchecked")
  static List<String> log(Map<String, Object> snapshot) {
    return new ArrayList<>((List<String>) snapshot.get("log"));
  }

  private static double number(Object value) {
    if (!(value instanceof Number n)) {
      throw new AssertionError("a chart value is not a number: " + value);
    }
    return n.doubleValue();
  }
}
