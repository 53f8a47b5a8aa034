package dev.switchboard.sim;

import dev.switchboard.sim.CompletionJson.Envelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated OpenAI-compatible provider on one port, serving {@code POST
 * /<providerId>/v1/chat/completions} for any provider id (and {@code /v1/chat/completions} as
 * "default"). Answers are deterministic per seed and request; every request is recorded.
 * Thread-safe.
 */
public final class SimProvider {
  private static final String COMPLETIONS = "/v1/chat/completions";
  // Shared by every sim in the JVM, so two sims never hand a gateway the same completion id.
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private final Vertx vertx;
  private final HttpServer server;
  private final SimOptions options;
  private final PromptCache cache = new PromptCache();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final AtomicInteger cancelled = new AtomicInteger();

  private SimProvider(Vertx vertx, HttpServer server, SimOptions options) {
    this.vertx = vertx;
    this.server = server;
    this.options = options;
  }

  /**
   * Loads the tokenizer on a worker thread, then starts listening; the future completes once the
   * port is bound.
   */
  public static Future<SimProvider> start(Vertx vertx, SimOptions options) {
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(options.host()).setPort(options.port()));
    SimProvider sim = new SimProvider(vertx, server, options);
    return vertx
        .executeBlocking(Tokenizer::load)
        .compose(ignored -> server.requestHandler(sim::handle).listen())
        .map(ignored -> sim);
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * The OpenAI base URL a client of this provider id uses, e.g. http://127.0.0.1:4000/deepseek/v1.
   */
  public String baseUrl(String providerId) {
    return "http://" + options.host() + ":" + port() + "/" + providerId + "/v1";
  }

  /** A copy of the requests received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  public void clearRequests() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  /** Requests whose client went away before the sim finished answering. */
  public int cancelledCount() {
    return cancelled.get();
  }

  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> handle(request, body.toString(StandardCharsets.UTF_8)));
  }

  private void handle(HttpServerRequest request, String body) {
    Optional<String> providerId = providerId(request);
    record(request, providerId.orElse(""), body);
    Exchange exchange = new Exchange(vertx, request, options, cancelled::incrementAndGet);
    if (providerId.isEmpty()) {
      exchange.fail(SimError.invalidUrl(request.method().name(), request.path()));
      return;
    }
    if (!authorized(request)) {
      exchange.fail(SimError.invalidApiKey());
      return;
    }
    try {
      SimRequest simRequest = SimRequest.parse(body, request.getHeader("x-sim-fault"));
      answer(exchange, providerId.get(), simRequest);
    } catch (SimRejection rejection) {
      exchange.fail(rejection.error());
    }
  }

  private void answer(Exchange exchange, String providerId, SimRequest request) {
    SplittableRandom random = AnswerGenerator.randomFor(options.seed(), request);
    int prompt = Tokenizer.promptTokens(request.messages());
    int cached = cache.cachedTokens(providerId, request.messages());
    Answer answer = AnswerGenerator.answer(request, random, prompt, cached);
    exchange.play(request, envelope(request), answer, random);
  }

  /** A fresh completion id per answer, from the seed and a JVM-wide counter. */
  private Envelope envelope(SimRequest request) {
    SplittableRandom ids = new SplittableRandom(options.seed() + SEQUENCE.incrementAndGet());
    String id = "chatcmpl-" + ToolArguments.alphanumerics(ids, 29);
    return new Envelope(id, Instant.now().getEpochSecond(), request.model());
  }

  private static Optional<String> providerId(HttpServerRequest request) {
    String path = request.path();
    if (request.method() != HttpMethod.POST || !path.endsWith(COMPLETIONS)) {
      return Optional.empty();
    }
    String prefix = path.substring(0, path.length() - COMPLETIONS.length());
    if (prefix.isEmpty()) {
      return Optional.of("default");
    }
    String id = prefix.substring(1);
    return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
  }

  private static boolean authorized(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && !authorization.substring(7).isBlank();
  }

  private void record(HttpServerRequest request, String providerId, String body) {
    Map<String, String> headers = new TreeMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      headers.merge(name, header.getValue(), (first, next) -> first + ", " + next);
    }
    synchronized (recorded) {
      recorded.add(new RecordedRequest(providerId, request.path(), headers, body));
    }
  }
}
