package dev.switchboard.account.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.MutableClock;
import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.IdempotencyStore.Claim;
import dev.switchboard.account.IdempotencyStore.Claimed;
import dev.switchboard.account.IdempotencyStore.Held;
import dev.switchboard.account.IdempotencyStore.StoredResponse;
import dev.switchboard.storage.Database;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotency store's contract, run on each engine ({@link SqliteIdempotencyStoreTest}, {@link
 * PostgresIdempotencyStoreTest}).
 */
abstract class SqlIdempotencyStoreTest {
  private static final String HASH = "a".repeat(64);
  private static final StoredResponse ANSWER =
      new StoredResponse(
          200, "application/json", "gen-1", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Database db;
  private IdempotencyStore store;

  /** Opens the test's database, the same one each time within a test. */
  abstract Database openDatabase();

  /** Whether opening the store frees claims left in flight (one node owns the database). */
  abstract boolean freesClaimsInFlightOnOpen();

  @BeforeEach
  void open() {
    db = openDatabase();
    store = SqlIdempotencyStore.open(db, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theFirstClaimWins_theNextSeesItInFlight_thenItsAnswer() {
    assertThat(store.claim("key_a", "k1", HASH, "gen-1")).isInstanceOf(Claimed.class);
    assertThat(store.claim("key_a", "k1", HASH, "gen-2")).isEqualTo(inFlight(HASH));

    store.complete("key_a", "k1", "gen-1", ANSWER);

    StoredResponse replayed = answerOf(store.claim("key_a", "k1", HASH, "gen-3"));
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.contentType()).isEqualTo("application/json");
    assertThat(replayed.generationId()).isEqualTo("gen-1");
    assertThat(replayed.body()).isEqualTo(ANSWER.body());
  }

  @Test
  void reportsTheHeldBodyHash_soACallerCanTellADifferentBody() {
    store.claim("key_a", "k1", HASH, "gen-1");
    assertThat(store.claim("key_a", "k1", "b".repeat(64), "gen-2")).isEqualTo(inFlight(HASH));
  }

  @Test
  void keysAreScopedPerApiKey() {
    store.claim("key_a", "shared", HASH, "gen-1");
    store.complete("key_a", "shared", "gen-1", ANSWER);
    assertThat(store.claim("key_b", "shared", HASH, "gen-2")).isInstanceOf(Claimed.class);
  }

  @Test
  void aReleasedClaim_canBeTakenAgain_butAStoredAnswerIsNeverReleased() {
    store.claim("key_a", "k1", HASH, "gen-1");
    store.release("key_a", "k1", "gen-1");
    assertThat(store.claim("key_a", "k1", HASH, "gen-2")).isInstanceOf(Claimed.class);

    store.complete("key_a", "k1", "gen-2", ANSWER);
    store.release("key_a", "k1", "gen-2");
    assertThat(store.claim("key_a", "k1", HASH, "gen-3")).isInstanceOf(Held.class);
  }

  @Test
  void onlyTheClaimingRequest_completesOrReleasesIt() {
    store.claim("key_a", "k1", HASH, "gen-1");
    store.release("key_a", "k1", "gen-other");
    store.complete("key_a", "k1", "gen-other", ANSWER);
    assertThat(store.claim("key_a", "k1", HASH, "gen-2")).isEqualTo(inFlight(HASH));
  }

  @Test
  void anAnswerIsKept24Hours_thenTheKeyIsFree() {
    store.claim("key_a", "k1", HASH, "gen-1");
    store.complete("key_a", "k1", "gen-1", ANSWER);

    clock.advance(IdempotencyStore.RETENTION.minusMillis(1));
    assertThat(store.claim("key_a", "k1", HASH, "gen-2")).isInstanceOf(Held.class);
    clock.advance(Duration.ofMillis(1));
    assertThat(store.claim("key_a", "k1", HASH, "gen-3")).isInstanceOf(Claimed.class);
  }

  @Test
  void aClaimLeftInFlightPastTheLease_isTakenOver() {
    store.claim("key_a", "k1", HASH, "gen-1");
    clock.advance(IdempotencyStore.ABANDONED_AFTER.minusMillis(1));
    assertThat(store.claim("key_a", "k1", HASH, "gen-2")).isInstanceOf(Held.class);
    clock.advance(Duration.ofMillis(1));
    assertThat(store.claim("key_a", "k1", HASH, "gen-3")).isInstanceOf(Claimed.class);
  }

  @Test
  void purgeDeletesExpiredAnswersAndAbandonedClaims_only() {
    store.claim("key_a", "old-answer", HASH, "gen-1");
    store.complete("key_a", "old-answer", "gen-1", ANSWER);
    clock.advance(Duration.ofHours(23));
    store.claim("key_a", "abandoned", HASH, "gen-2");
    store.claim("key_a", "young-answer", HASH, "gen-3");
    store.complete("key_a", "young-answer", "gen-3", ANSWER);
    clock.advance(Duration.ofHours(1));
    store.claim("key_a", "running", HASH, "gen-4");

    assertThat(store.purgeExpired()).as("old-answer and abandoned").isEqualTo(2);
    assertThat(store.claim("key_a", "young-answer", HASH, "gen-5")).isInstanceOf(Held.class);
    assertThat(store.claim("key_a", "running", HASH, "gen-6")).isInstanceOf(Held.class);
    assertThat(store.claim("key_a", "old-answer", HASH, "gen-7")).isInstanceOf(Claimed.class);
  }

  @Test
  void reopening_keepsAnswers_andFreesClaimsInFlight_onlyWhereOneNodeOwnsThem() {
    store.claim("key_a", "answered", HASH, "gen-1");
    store.complete("key_a", "answered", "gen-1", ANSWER);
    store.claim("key_a", "interrupted", HASH, "gen-2");
    db.close();

    db = openDatabase();
    store = SqlIdempotencyStore.open(db, clock);

    assertThat(answerOf(store.claim("key_a", "answered", HASH, "gen-3")).body())
        .isEqualTo(ANSWER.body());
    assertThat(store.claim("key_a", "interrupted", HASH, "gen-4"))
        .isInstanceOf(freesClaimsInFlightOnOpen() ? Claimed.class : Held.class);
  }

  @Test
  void ofManyRacingClaims_exactlyOneWins() throws Exception {
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Claim>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        String generation = "gen-" + i;
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return store.claim("key_a", "race", HASH, generation);
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Claim> result : results) {
        won += result.get() instanceof Claimed ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    }
  }

  private static Held inFlight(String hash) {
    return new Held(hash, java.util.Optional.empty());
  }

  private static StoredResponse answerOf(Claim claim) {
    assertThat(claim).isInstanceOf(Held.class);
    return ((Held) claim).answer().orElseThrow(() -> new AssertionError("no answer: " + claim));
  }
}
