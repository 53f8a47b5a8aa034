package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other requests a busy gateway must keep answering: GET /health, GET /v1/models and a small
 * non-streamed chat (to a provider that answers at once), one at a time on one keep-alive
 * connection, timed from send to the last byte. Runs in a JVM of its own ({@link #inChild}): the
 * JVM that holds the open streams pauses for its own collections, which are not the gateway's.
 */
final class OpenStreamsProbe {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String key;
  private final String model;
  private final String chatBody;

  OpenStreamsProbe(String base, String key, String model) {
    this.base = base;
    this.key = key;
    this.model = model;
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

  /**
   * Runs {@link #run} in a child JVM with a small heap (the same class path) and reads its figures
   * back: one line per request, its name, a tab and its milliseconds (-1 for a failure).
   */
  Figures inChild(Duration duration) throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                OpenStreamsProbe.class.getName(),
                base,
                key,
                model,
                Long.toString(duration.toMillis()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    int failed = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] fields = line.split("\t");
        double ms = Double.parseDouble(fields[1]);
        // Every kind gets its row, even one whose every request failed.
        List<Double> kind = times.computeIfAbsent(fields[0], name -> new ArrayList<>());
        if (ms < 0) {
          failed++;
        } else {
          kind.add(ms);
        }
      }
    }
    if (child.waitFor() != 0) {
      throw new IOException("the probe's JVM exited with " + child.exitValue());
    }
    Map<String, double[]> sorted = new LinkedHashMap<>();
    times.forEach(
        (name, values) ->
            sorted.put(name, values.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
    return new Figures(sorted, failed);
  }

  /**
   * The child: {@code base key model milliseconds}; warms its own client up for 3 s, then prints
   * each timing as it is taken.
   */
  public static void main(String[] args) throws InterruptedException {
    OpenStreamsProbe probe = new OpenStreamsProbe(args[0], args[1], args[2]);
    probe.run(Duration.ofSeconds(3), false);
    probe.run(Duration.ofMillis(Long.parseLong(args[3])), true);
  }

  /** Probes each request in turn for {@code duration}; {@code print}: each timing to stdout. */
  private Figures run(Duration duration, boolean print) throws InterruptedException {
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
        if (print) {
          System.out.println(request.getKey() + "\t" + ms);
        }
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
