package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyAuthenticatorTest {
  @TempDir Path dir;
  private SqliteDatabase db;
  private SqliteDatabase cliDb; // a second handle on the file, as the CLI process would have
  private SqlKeyStore store;
  private SqlKeyStore cli;
  private CountingStore counting;
  private ExecutorService blocking;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("gateway.db"));
    cliDb = SqliteDatabase.open(dir.resolve("gateway.db"));
    store = SqlKeyStore.of(db);
    cli = SqlKeyStore.of(cliDb);
    counting = new CountingStore(store);
    blocking = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void close() {
    blocking.close();
    cliDb.close();
    db.close();
  }

  @Test
  void acceptsAKnownKey_rejectsUnknownAndMalformedOnes() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.empty());
    KeyAuthenticator auth = authenticator(Duration.ofSeconds(1));

    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).contains(issued.key());
    assertThat(auth.authenticate(KeyFormat.newSecret()).get(5, TimeUnit.SECONDS)).isEmpty();
    int loadsBefore = counting.loads.get();
    assertThat(auth.authenticate("Bearer nonsense").get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(counting.loads.get()).as("malformed keys need no lookup").isEqualTo(loadsBefore);
  }

  @Test
  void returnsTheKeysDefaultDataClass_withTheKey() throws Exception {
    IssuedKey regulated =
        store.create("hr-bot", OptionalLong.empty(), Optional.of(DataClass.REGULATED));
    IssuedKey plain = store.create("docs-bot", OptionalLong.empty());
    KeyAuthenticator auth = authenticator(Duration.ofSeconds(1));

    assertThat(auth.authenticate(regulated.secret()).get(5, TimeUnit.SECONDS))
        .map(ApiKey::dataClass)
        .contains(Optional.of(DataClass.REGULATED));
    assertThat(auth.authenticate(plain.secret()).get(5, TimeUnit.SECONDS))
        .map(ApiKey::dataClass)
        .contains(Optional.empty());
  }

  @Test
  void answersRepeatedLookupsFromTheCache() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.empty());
    String unknown = KeyFormat.newSecret();
    KeyAuthenticator auth = authenticator(Duration.ofSeconds(10));

    for (int i = 0; i < 100; i++) {
      assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();
      assertThat(auth.authenticate(unknown).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    assertThat(counting.loads.get()).isEqualTo(2);
    assertThat(counting.hashesSeen).allMatch(h -> h.matches("[0-9a-f]{64}"));
  }

  @Test
  void rejectsAKey_soonAfterAnotherProcessRevokesIt() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.empty());
    KeyAuthenticator auth = authenticator(Duration.ofMillis(200));
    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();

    assertThat(cli.revoke("agent")).isPresent();

    awaitAnswer(auth, issued.secret(), Optional::isEmpty);
  }

  @Test
  void neverAnswersFromAnEntryOlderThanTwiceTheRefresh() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.empty());
    KeyAuthenticator auth = authenticator(Duration.ofMillis(100));
    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();
    cli.revoke(issued.key().id());

    Thread.sleep(300); // idle: no request triggered a background refresh meanwhile

    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS))
        .as("the first request after the idle time already sees the revocation")
        .isEmpty();
  }

  @Test
  void seesSpendChargedByTheLedger() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.of(1_000));
    KeyAuthenticator auth = authenticator(Duration.ofMillis(200));
    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS))
        .hasValueSatisfying(k -> assertThat(k.overLimit()).isFalse());

    try (SqliteLedgerWriter writer = SqliteLedgerWriter.open(cliDb)) {
      writer.append(UsageRecords.row("gen-1", issued.key().id(), 1_000)).get(5, TimeUnit.SECONDS);
    }

    awaitAnswer(auth, issued.secret(), k -> k.isPresent() && k.get().spentMicros() == 1_000);
    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS))
        .hasValueSatisfying(k -> assertThat(k.overLimit()).isTrue());
  }

  @Test
  void lookupsRunOnTheBlockingExecutor_andCacheHitsHandItNothing() throws Exception {
    IssuedKey issued = store.create("agent", OptionalLong.empty());
    AtomicInteger tasks = new AtomicInteger();
    Executor countingBlocking =
        task -> {
          tasks.incrementAndGet();
          blocking.execute(task);
        };
    KeyAuthenticator auth =
        new KeyAuthenticator(counting, store.hasher(), countingBlocking, Duration.ofSeconds(10));
    assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();
    assertThat(counting.threads).doesNotContain(Thread.currentThread());

    int hits = 2_000;
    for (int i = 0; i < hits; i++) {
      assertThat(auth.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();
    }
    // Before, the cache's upkeep went to the blocking executor too: a thread every few hits.
    assertThat(tasks.get()).as("tasks for 1 load and %d hits", hits).isEqualTo(1);
  }

  @Test
  void refusesARefreshThatWouldOutliveTheEntries() {
    assertThatThrownBy(() -> authenticator(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> authenticator(Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private KeyAuthenticator authenticator(Duration refresh) {
    return new KeyAuthenticator(counting, store.hasher(), blocking, refresh);
  }

  private static void awaitAnswer(
      KeyAuthenticator auth, String secret, Predicate<Optional<ApiKey>> expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(2));
    Optional<ApiKey> answer = auth.authenticate(secret).get(5, TimeUnit.SECONDS);
    while (!expected.test(answer)) {
      assertThat(Instant.now())
          .as("expected answer within 2 s, last was %s", answer)
          .isBefore(deadline);
      Thread.sleep(25);
      answer = auth.authenticate(secret).get(5, TimeUnit.SECONDS);
    }
  }

  /** A real store that counts its lookups. */
  private static final class CountingStore implements KeyStore {
    final AtomicInteger loads = new AtomicInteger();
    final List<String> hashesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final KeyStore delegate;

    CountingStore(KeyStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public IssuedKey create(String name, KeyRules rules, boolean admin) {
      return delegate.create(name, rules, admin);
    }

    @Override
    public Optional<ApiKey> update(String idOrName, KeyRules rules) {
      return delegate.update(idOrName, rules);
    }

    @Override
    public Optional<ApiKey> find(String idOrName) {
      return delegate.find(idOrName);
    }

    @Override
    public List<ApiKey> list() {
      return delegate.list();
    }

    @Override
    public Optional<ApiKey> revoke(String idOrName) {
      return delegate.revoke(idOrName);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
      loads.incrementAndGet();
      hashesSeen.add(keyHash);
      threads.add(Thread.currentThread());
      return delegate.findByHash(keyHash);
    }
  }
}
