package dev.switchboard.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import org.jspecify.annotations.Nullable;

/**
 * Simulated providers on one port, any provider id in any of the three formats (see {@link
 * SimRoute}): {@code POST /<providerId>/v1/chat/completions} (OpenAI), {@code
 * /<providerId>/v1/messages} (Anthropic), {@code
 * /<providerId>/v1beta/models/<model>:generateContent} (Gemini). Answers are deterministic per seed
 * and request; every request is recorded. Thread-safe.
 */
public final class SimProvider {
  // Shared by every sim in the JVM, so two sims never hand a gateway the same completion id.
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private final Vertx vertx;
  private final HttpServer server;
  private final SimOptions options;
  private final PromptCache cache = new PromptCache(System::nanoTime);
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
   * The base URL a client of this provider id uses in any format, e.g.
   * http://127.0.0.1:4000/deepseek/v1: append /chat/completions (OpenAI), /messages (Anthropic) or
   * /models/{model}:generateContent (Gemini).
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
    Optional<SimRoute> route = SimRoute.of(request.method(), request.path());
    record(request, route.map(SimRoute::providerId).orElse(""), body);
    if (route.isEmpty()) {
      new Exchange(vertx, request, options, OpenAiDialect.INSTANCE, cancelled::incrementAndGet)
          .fail(SimError.invalidUrl(request.method().name(), request.path()));
      return;
    }
    Dialect dialect = route.get().dialect();
    Exchange exchange = new Exchange(vertx, request, options, dialect, cancelled::incrementAndGet);
    try {
      SimRequest simRequest = dialect.parse(request, route.get(), body);
      if (route.get().countTokens()) {
        exchange.json(dialect.tokenCount(simRequest));
      } else {
        answer(exchange, route.get().providerId(), simRequest);
      }
    } catch (SimRejection rejection) {
      exchange.fail(rejection.error());
    } catch (RuntimeException bug) {
      // A bug in the sim must fail the test that met it at once, not leave the client waiting.
      exchange.fail(dialect.statusError(500));
    }
  }

  private void answer(Exchange exchange, String providerId, SimRequest request) {
    SplittableRandom random = AnswerGenerator.randomFor(options.seed(), request);
    // A request refused before any answer never reaches the model: no cache read, no write.
    @Nullable Fault fault = request.fault().orElse(null);
    boolean refused =
        fault instanceof Fault.Status
            || fault instanceof Fault.ContextLength
            || fault instanceof Fault.ContentPolicy
            || fault instanceof Fault.DisconnectBeforeHeaders;
    CacheUse use = refused ? CacheUse.NONE : cache.use(providerId, request.prompt());
    Answer answer = AnswerGenerator.answer(request, random, use);
    exchange.play(request, envelope(exchange.dialect(), request), answer, random);
  }

  /** A fresh answer id per answer, from the seed and a JVM-wide counter. */
  private Envelope envelope(Dialect dialect, SimRequest request) {
    SplittableRandom ids = new SplittableRandom(options.seed() + SEQUENCE.incrementAndGet());
    return dialect.envelope(request, ids, Instant.now().getEpochSecond());
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
