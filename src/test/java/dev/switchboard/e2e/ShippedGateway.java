package dev.switchboard.e2e;

import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.sim.SimProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/** The shipped catalog, every provider pointed at one simulator: the demo, in a test. */
final class ShippedGateway {
  private ShippedGateway() {}

  static Switchboard start(Path dir, SimProvider sim, boolean forwardSimFault) {
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(2)))
            .withStorage(new Config.Storage(dir.resolve("ledger.db")))
            .withUpstream(Config.defaults().upstream().withForwardSimFaultHeader(forwardSimFault));
    Catalog shipped =
        Catalog.load(
            EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog"), config.catalog());
    return Switchboard.start(config, Switchboard.simulated(shipped, sim));
  }

  static String key(Switchboard gateway) {
    return gateway.keys().create("test-" + System.nanoTime(), OptionalLong.empty()).secret();
  }

  /** POSTs {@code body} with the key in x-api-key (every format reads it) and extra headers. */
  static HttpResponse<String> post(Switchboard gateway, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .header("x-api-key", key(gateway))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
