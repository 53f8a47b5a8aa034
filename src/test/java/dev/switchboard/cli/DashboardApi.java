package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON API the dashboard reads, read by the test with the same key, into the numbers each chart
 * should show: by name (model, country, class and day, deployment).
 */
final class DashboardApi implements AutoCloseable {
  /** How the page names a group the gateway could not name (an empty name in the API). */
  static final String UNKNOWN = "(unknown)";

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String key;

  DashboardApi(int port, String key) {
    this.port = port;
    this.key = key;
  }

  JsonNode get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + key)
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return Json.tree(response.body());
  }

  /** The period's start as the dashboard asks for it (a week: the page's default). */
  static String weekAgo() {
    return URLEncoder.encode(
        Instant.now().minus(Duration.ofDays(7)).toString(), StandardCharsets.UTF_8);
  }

  /** Tokens per ranked name. */
  Map<String, Double> rankings(String by) throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode item : get("/api/v1/rankings?period=week&by=" + by).path("data").path("items")) {
      out.put(named(item.path("name").asText()), item.path("tokens").asDouble());
    }
    return out;
  }

  /** Cost in USD per "day|class". */
  Map<String, Double> spend() throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode row :
        get("/api/v1/spend?group_by=day,data_class&from=" + weekAgo()).path("data")) {
      out.put(
          row.path("day").asText() + "|" + row.path("data_class").asText(),
          row.path("cost_micros").asLong() / 1e6);
    }
    return out;
  }

  /** Per "model|paid" and "model|baseline": cost in USD. */
  Map<String, Double> savings() throws Exception {
    Map<String, Double> out = new HashMap<>();
    JsonNode data =
        get("/api/v1/savings?baseline=anthropic%2Fclaude-opus-4.6&from=" + weekAgo()).path("data");
    for (JsonNode model : data.path("models")) {
      String name = model.path("model").asText();
      out.put(name + "|paid", model.path("cost_micros").asLong() / 1e6);
      out.put(name + "|baseline", model.path("baseline_cost_micros").asLong() / 1e6);
    }
    return out;
  }

  /** Per "country|wh" and "country|cost". */
  Map<String, Double> energy() throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode country :
        get("/api/v1/energy?from=" + weekAgo()).path("data").path("countries")) {
      String name = named(country.path("country").asText());
      out.put(name + "|wh", country.path("wh").asDouble());
      out.put(name + "|cost", country.path("cost").asDouble());
    }
    return out;
  }

  /** Attempts in the last hour per deployment. */
  Map<String, Double> healthAttempts() throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode d : get("/api/v1/deployments/health").path("data")) {
      out.put(d.path("deployment").asText(), d.path("last_hour").path("attempts").asDouble());
    }
    return out;
  }

  private static String named(String name) {
    return name.isEmpty() ? UNKNOWN : name;
  }

  @Override
  public void close() {
    http.close();
  }
}
