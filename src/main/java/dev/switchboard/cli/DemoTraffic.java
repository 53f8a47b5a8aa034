package dev.switchboard.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's traffic: a few agents on virtual threads send {@link DemoWorkload} requests through
 * the gateway with the demo key, one after another with short pauses (about two a second in all),
 * until closed. Answers are read and dropped; a failure is part of the show, never printed.
 */
final class DemoTraffic implements AutoCloseable {
  private static final int AGENTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MIN_PAUSE_MS = 200;
  private static final int MAX_PAUSE_MS = 1200;

  private final HttpClient http;
  private final URI gateway;
  private final String key;
  private final List<Thread> agents = new ArrayList<>();
  private volatile boolean running = true;

  private DemoTraffic(URI gateway, String key) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.gateway = gateway;
    this.key = key;
  }

  /** Starts the agents against the gateway on {@code port} of this machine, with {@code key}. */
  static DemoTraffic start(int port, String key) {
    DemoTraffic traffic = new DemoTraffic(URI.create("http://127.0.0.1:" + port), key);
    SplittableRandom seeds = new SplittableRandom();
    for (int i = 0; i < AGENTS; i++) {
      SplittableRandom random = seeds.split();
      traffic.agents.add(
          Thread.ofVirtual().name("demo-agent-" + i).start(() -> traffic.drive(random)));
    }
    return traffic;
  }

  private void drive(SplittableRandom random) {
    while (running) {
      try {
        send(DemoWorkload.next(random));
        Thread.sleep(random.nextInt(MIN_PAUSE_MS, MAX_PAUSE_MS));
      } catch (InterruptedException stopped) {
        return;
      } catch (Exception refused) {
        // The gateway is starting or stopping, or refused the call: try again a little later.
        if (!pause()) {
          return;
        }
      }
    }
  }

  private void send(DemoWorkload.Call call) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.resolve(call.path()))
            .timeout(TIMEOUT)
            .header("authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(request::header);
    http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  private static boolean pause() {
    try {
      Thread.sleep(MAX_PAUSE_MS);
      return true;
    } catch (InterruptedException stopped) {
      return false;
    }
  }

  /** Stops the agents; a request in flight is abandoned. */
  @Override
  public void close() {
    running = false;
    agents.forEach(Thread::interrupt);
    http.shutdownNow();
  }
}
