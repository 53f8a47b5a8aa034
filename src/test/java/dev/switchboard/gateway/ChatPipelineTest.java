package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.autoroute.AutoPool;
import dev.switchboard.autoroute.PromptScorer;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.config.Logging;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamEndpoint;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.RetryBudget;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle without a client socket: the pipeline answers a {@link FakeClientChannel}, calls
 * the simulator as its providers, and writes its ledger rows to memory.
 */
class ChatPipelineTest {
  private static final WireFormat OPENAI = WireFormats.find("openai").orElseThrow();
  private static final ApiKey KEY =
      new ApiKey(
          "key-1", "test", "sk-sb-v1-ab", OptionalLong.empty(), 0, Instant.now(), Optional.empty());
  private static final Rows LEDGER = new Rows();
  private static final List<Attempt> HEARD = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static Vertx simVertx;
  private static Vertx vertx;
  private static SimProvider sim;
  private static Catalog catalog;

  /** Gives up on a silent provider after one second, so a stall is a failure that falls back. */
  private static ChatPipeline impatient;

  /** Waits a minute for a silent provider: a stall stays a stall while the client leaves. */
  private static ChatPipeline patient;

  @BeforeAll
  static void start() throws Exception {
    simVertx = Vertx.vertx();
    sim = SimProvider.start(simVertx, SimOptions.defaults()).await(30, TimeUnit.SECONDS);
    JsonNode shipped = EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog");
    catalog = Switchboard.simulated(Catalog.load(shipped, catalogTree()), sim);
    vertx = Vertx.vertx();
    impatient = pipeline(Duration.ofSeconds(1));
    patient = pipeline(Duration.ofMinutes(1));
    // The simulator loads its tokenizer on its first request: not within a second on a busy CI.
    FakeClientChannel warm = run(patient, "t/flaky", false);
    assertThat(warm.ended.get(60, TimeUnit.SECONDS)).isEqualTo("reply");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    simVertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aStreamIsCommittedOnlyOnceContentArrives_soAStalledProvidersFirstChunkNeverReachesTheClient()
      throws Exception {
    FakeClientChannel client = run(impatient, "t/stall-then-ok", true);

    assertThat(client.ended.get(20, TimeUnit.SECONDS)).isEqualTo("end");
    assertThat(sim.requests())
        .as("the stalling provider was tried first")
        .anySatisfy(request -> assertThat(request.body()).contains("stall-after-first-event"));
    // sim-a sent its role chunk, then nothing: held back, it died with its attempt.
    assertThat(client.frames.stream().filter(frame -> frame.contains("\"role\":\"assistant\"")))
        .hasSize(1);
    assertThat(client.frames.getLast()).isEqualTo("data: [DONE]\n\n");
    UsageRecord row = row(client);
    assertThat(row.provider()).hasValue("sim-b");
    assertThat(row.status()).isEqualTo(200);
  }

  @Test
  void aFailureBeforeTheFirstByte_fallsBackToTheNextProvider() throws Exception {
    FakeClientChannel unary = run(impatient, "t/flaky", false);
    assertThat(unary.ended.get(20, TimeUnit.SECONDS)).isEqualTo("reply");
    assertThat(unary.status).isEqualTo(200);
    assertThat(Json.tree(unary.text()).get("choices").get(0).get("message").has("content"))
        .isTrue();
    assertThat(row(unary).provider()).hasValue("sim-b");

    FakeClientChannel stream = run(impatient, "t/flaky", true);
    assertThat(stream.ended.get(20, TimeUnit.SECONDS)).isEqualTo("end");
    assertThat(stream.frames.getLast()).isEqualTo("data: [DONE]\n\n");
    assertThat(row(stream).provider()).hasValue("sim-b");
  }

  @Test
  void aFailureAfterCommit_endsTheStreamWithAnInBandError_andTriesNoOtherProvider()
      throws Exception {
    FakeClientChannel client = run(impatient, "t/cut", true);

    assertThat(client.ended.get(20, TimeUnit.SECONDS)).isEqualTo("end");
    assertThat(client.rejected).isEmpty();
    assertThat(client.frames).doesNotContain("data: [DONE]\n\n");
    JsonNode last = Json.tree(client.frames.getLast().substring("data: ".length()));
    assertThat(last.get("error").get("code").asText()).isEqualTo("upstream_failed");
    UsageRecord row = row(client);
    assertThat(row.provider()).as("sim-b was ready, but content had gone out").hasValue("sim-a");
    assertThat(row.status()).isEqualTo(502);
    assertThat(row.costMicros()).as("a cut answer is not billed").isZero();
  }

  @Test
  void aClientThatLeaves_cancelsTheProvider_andIsRecordedAsClosed() throws Exception {
    int cancelled = sim.cancelledCount();
    int asked = sim.requests().size();
    FakeClientChannel client = run(patient, "t/stall", true);
    eventually(() -> sim.requests().size() > asked);

    vertx.runOnContext(v -> client.leave());

    UsageRecord row = row(client);
    assertThat(row.status()).isEqualTo(499);
    assertThat(row.errorCode()).hasValue("client_closed");
    assertThat(client.frames).as("a role chunk alone is no content").isEmpty();
    eventually(() -> sim.cancelledCount() > cancelled);
  }

  @Test
  void everyTry_isOneAttempt_heardByTheListener_andStoredWithTheRow() throws Exception {
    FakeClientChannel client = run(impatient, "t/flaky", true);
    assertThat(client.ended.get(20, TimeUnit.SECONDS)).isEqualTo("end");
    String id = row(client).id();

    List<Attempt> stored = LEDGER.attempts(id);
    assertThat(stored)
        .extracting(Attempt::number, Attempt::providerId, Attempt::outcome, Attempt::status)
        .containsExactly(
            tuple(1, "sim-a", Attempt.Outcome.PROVIDER_FAULT, 503),
            tuple(2, "sim-b", Attempt.Outcome.OK, 200));
    assertThat(stored.get(0).errorCode()).hasValue("upstream_failed");
    assertThat(stored.get(1).errorCode()).isEmpty();
    assertThat(stored.get(1).firstTokenMs()).isPresent();
    assertThat(stored.get(1).bytes()).isPositive();
    assertThat(stored.get(1).outputTokens()).isPositive();
    assertThat(stored).allSatisfy(a -> assertThat(a.modelId()).isEqualTo("t/flaky"));
    assertThat(HEARD.stream().filter(a -> a.generationId().equals(id))).isEqualTo(stored);
  }

  @Test
  void errorsBeforeAnyAttempt_areRejectedThroughTheChannel() throws Exception {
    FakeClientChannel malformed = new FakeClientChannel();
    IngressRequest broken =
        new IngressRequest("/v1/chat/completions", Map.of(), "{".getBytes(StandardCharsets.UTF_8));
    vertx.runOnContext(v -> patient.run(OPENAI, broken, KEY, malformed));
    assertThat(malformed.ended.get(10, TimeUnit.SECONDS)).isEqualTo("reject");
    assertThat(malformed.status).isEqualTo(400);
    assertThat(malformed.headers).as("no ledger row, so no id").isEmpty();

    FakeClientChannel unknown = run(patient, "t/no-such-model", false);
    assertThat(unknown.ended.get(10, TimeUnit.SECONDS)).isEqualTo("reject");
    assertThat(unknown.status).isEqualTo(404);
    assertThat(row(unknown).status()).isEqualTo(404);
  }

  private static FakeClientChannel run(ChatPipeline pipeline, String model, boolean stream) {
    FakeClientChannel client = new FakeClientChannel();
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say something about routers.\"}]}";
    IngressRequest request =
        new IngressRequest("/v1/chat/completions", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    vertx.runOnContext(v -> pipeline.run(OPENAI, request, KEY, client));
    return client;
  }

  private static ChatPipeline pipeline(Duration upstreamIdle) {
    return pipeline(upstreamIdle, LEDGER);
  }

  private static ChatPipeline pipeline(Duration upstreamIdle, LedgerWriter ledger) {
    List<UpstreamEndpoint> endpoints =
        catalog.providers().stream()
            .map(p -> new UpstreamEndpoint(p.id(), p.baseUrl(), p.apiKey()))
            .toList();
    return new ChatPipeline(
        new Sourcing(
            new PolicyGate(SourcingPolicy.none(), vertx),
            new AutoRouting(
                new RoutePlanner(catalog),
                AutoPool.of(Json.object(), catalog),
                PromptScorer.shipped(),
                vertx)),
        new UpstreamClient(vertx, Duration.ofSeconds(5), upstreamIdle, 8, endpoints),
        Accounting.of(
            Limits.inMemory((keyId, from, session) -> 0L, ZoneOffset.UTC),
            ledger,
            catalog,
            new Logging(Logging.Format.TEXT),
            vertx),
        new Idempotency(vertx, new NoIdempotencyStore()),
        new Recovery(
            vertx,
            Config.Routing.defaults(),
            new RetryBudget(0.2, 5),
            attempt -> HEARD.add(attempt)),
        false);
  }

  @Test
  void settled_waitsForTheRowsTheLedgerHasNotAnsweredYet_soAStoppingGatewayLosesNone()
      throws Exception {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    CompletableFuture<UsageRecord> appended = new CompletableFuture<>();
    LedgerWriter slow =
        new LedgerWriter() {
          @Override
          public CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts) {
            appended.complete(record);
            return commit;
          }

          @Override
          public void close() {}
        };
    ChatPipeline pipeline = pipeline(Duration.ofSeconds(5), slow);
    assertThat(pipeline.settled().toCompletionStage().toCompletableFuture())
        .as("nothing to wait for yet")
        .isCompleted();

    run(pipeline, "t/flaky", false);
    appended.get(20, TimeUnit.SECONDS);
    CompletableFuture<Void> settled = pipeline.settled().toCompletionStage().toCompletableFuture();
    Thread.sleep(100);
    assertThat(settled).as("the row is not committed yet").isNotDone();

    commit.complete(null);
    settled.get(20, TimeUnit.SECONDS);
  }

  /** The ledger row of the request, once written (the generation id header names it). */
  private static UsageRecord row(FakeClientChannel client) throws Exception {
    eventually(() -> client.headers.containsKey(ClientChannel.GENERATION_ID));
    return LEDGER.row(client.headers.get(ClientChannel.GENERATION_ID)).get(20, TimeUnit.SECONDS);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s for a condition").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static JsonNode catalogTree() throws Exception {
    try (InputStream in =
        ChatPipelineTest.class.getResourceAsStream("/gateway/lifecycle-catalog.yaml")) {
      return Json.yaml().readTree(in);
    }
  }

  /** Ledger rows in memory, each durable at once. */
  private static final class Rows implements LedgerWriter {
    private final Map<String, CompletableFuture<UsageRecord>> rows = new ConcurrentHashMap<>();

    private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> append(UsageRecord record, List<Attempt> tries) {
      attempts.put(record.id(), List.copyOf(tries));
      row(record.id()).complete(record);
      return CompletableFuture.completedFuture(null);
    }

    List<Attempt> attempts(String id) {
      return attempts.getOrDefault(id, List.of());
    }

    CompletableFuture<UsageRecord> row(String id) {
      return rows.computeIfAbsent(id, ignored -> new CompletableFuture<>());
    }

    @Override
    public void close() {
      // Nothing buffered.
    }
  }

  /** These requests carry no Idempotency-Key, so the store is never asked. */
  private static final class NoIdempotencyStore implements IdempotencyStore {
    @Override
    public Claim claim(String keyId, String idempotencyKey, String bodyHash, String generationId) {
      throw new AssertionError("no Idempotency-Key was sent");
    }

    @Override
    public void complete(
        String keyId, String idempotencyKey, String generationId, StoredResponse response) {
      throw new AssertionError("no Idempotency-Key was sent");
    }

    @Override
    public void release(String keyId, String idempotencyKey, String generationId) {
      throw new AssertionError("no Idempotency-Key was sent");
    }

    @Override
    public int purgeExpired() {
      return 0;
    }
  }
}
