package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The other requests a busy gateway must keep answering: GET /health, GET /v1/models and a small
 * non-streamed chat (to a provider that answers at once), one at a time on one keep-alive
 * connection, timed from send to the last byte. Runs on its own thread with the JDK's client, apart
 * from the event loop that holds the open streams.
 */
final class OpenStreamsProbe {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String key;
  private final String chatBody;

  OpenStreamsProbe(String base, String key, String model) {
    this.base = base;
    this.key = key;
    this.chatBody =
        "{\"model\":\""
            + model
            + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Say hi.\"}]}";
  }

  /** Latencies in ms of each kind of request (sorted, in the order probed), and failures. */
  record Figures(Map<String, double[]> latencies, int failed) {
    static double percentile(double[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
  }

  /** Probes each request in turn for {@code duration}. */
  Figures run(Duration duration) throws InterruptedException {
    Map<String, HttpRequest> requests = new LinkedHashMap<>();
    requests.put("GET /health", HttpRequest.newBuilder(URI.create(base + "/health")).build());
    requests.put(
        "GET /v1/models",
        HttpRequest.newBuilder(URI.create(base + "/v1/models"))
            .header("Authorization", "Bearer " + key)
            .build());
    requests.put(
        "small chat",
        HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chatBody))
            .build());
    Map<String, double[]> times = new LinkedHashMap<>();
    int[] counts = new int[requests.size()];
    requests.keySet().forEach(name -> times.put(name, new double[100_000]));
    int failed = 0;
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end && counts[0] < 100_000) {
      int i = 0;
      for (Map.Entry<String, HttpRequest> request : requests.entrySet()) {
        double ms = time(request.getValue());
        if (ms < 0) {
          failed++;
        } else {
          times.get(request.getKey())[counts[i]++] = ms;
        }
        i++;
      }
      // Paced, as another client would be, not a load of its own: ~40 rounds a second.
      Thread.sleep(20);
    }
    Map<String, double[]> sorted = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, double[]> entry : times.entrySet()) {
      double[] values = Arrays.copyOf(entry.getValue(), counts[i++]);
      Arrays.sort(values);
      sorted.put(entry.getKey(), values);
    }
    return new Figures(sorted, failed);
  }

  /** Milliseconds to the last byte, or -1 for a failure (transport error or not 200). */
  private double time(HttpRequest request) throws InterruptedException {
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      double ms = (System.nanoTime() - start) / 1e6;
      return response.statusCode() == 200 ? ms : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
