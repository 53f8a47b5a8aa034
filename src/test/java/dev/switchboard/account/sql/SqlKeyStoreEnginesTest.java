package dev.switchboard.account.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key store's contract, the same on SQLite and on the real PostgreSQL. */
class SqlKeyStoreEnginesTest {
  static final KeyRules EVERY_RULE =
      KeyRules.builder()
          .limitMicros(OptionalLong.of(25_000_000))
          .limitReset(Optional.of(LimitReset.WEEKLY))
          .expiresAt(Optional.of(Instant.parse("2027-01-01T00:00:00Z")))
          .models(List.of("anthropic/claude-sonnet-4.5", "openai/*"))
          .rpm(OptionalInt.of(60))
          .tpm(OptionalLong.of(3_000_000_000L))
          .concurrency(OptionalInt.of(4))
          .sessionCapMicros(OptionalLong.of(2_500_000))
          .dailyCapMicros(OptionalLong.of(10_000_001))
          .dataClass(Optional.of(DataClass.REGULATED))
          .build();

  @TempDir Path dir;
  private Database db;
  private SqlKeyStore store;

  private void open(String engine) {
    db =
        engine.equals("sqlite")
            ? SqliteDatabase.open(dir.resolve("keys.db"))
            : TestPostgres.migrated();
    store = SqlKeyStore.of(db);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void keepsEveryRuleAndTheAdminFlag_throughEveryWayOfReadingAKey(String engine) {
    open(engine);
    IssuedKey issued = store.create("agent", EVERY_RULE, true);
    IssuedKey plain = store.create("plain", KeyRules.NONE, false);

    ApiKey key = issued.key();
    assertThat(key.rules()).isEqualTo(EVERY_RULE);
    assertThat(key.admin()).isTrue();
    assertThat(store.findByHash(store.hasher().hash(issued.secret()))).contains(key);
    assertThat(store.find(key.id())).contains(key);
    assertThat(store.find("agent")).contains(key);
    assertThat(store.list()).containsExactly(key, plain.key());
    assertThat(store.find("plain").orElseThrow().rules()).isEqualTo(KeyRules.NONE);
    assertThat(store.find("plain").orElseThrow().admin()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void updateReplacesTheRules_keepingSecretNameAndAdminFlag(String engine) {
    open(engine);
    IssuedKey issued = store.create("ci", KeyRules.NONE, false);

    ApiKey updated = store.update("ci", EVERY_RULE).orElseThrow();
    assertThat(updated.rules()).isEqualTo(EVERY_RULE);
    assertThat(updated.id()).isEqualTo(issued.key().id());
    assertThat(updated.admin()).isFalse();
    assertThat(store.findByHash(store.hasher().hash(issued.secret()))).contains(updated);

    KeyRules fewer = EVERY_RULE.toBuilder().models(List.of()).rpm(OptionalInt.empty()).build();
    assertThat(store.update(issued.key().id(), fewer).orElseThrow().rules()).isEqualTo(fewer);
    assertThat(store.update("nobody", fewer)).isEmpty();
    store.revoke("ci");
    assertThat(store.update(issued.key().id(), KeyRules.NONE)).as("revoked").isEmpty();
    assertThat(store.find(issued.key().id()).orElseThrow().rules()).isEqualTo(fewer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void findsRevokedKeysById_butNamesOnlyAmongActiveKeys(String engine) {
    open(engine);
    ApiKey old = store.create("bot", KeyRules.NONE, false).key();
    store.revoke("bot");

    assertThat(store.find(old.id())).hasValueSatisfying(k -> assertThat(k.active()).isFalse());
    assertThat(store.find("bot")).isEmpty();
    ApiKey fresh = store.create("bot", KeyRules.NONE, false).key();
    assertThat(store.find("bot")).contains(fresh);
    assertThat(store.find("key_doesnotexist")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void listsInCreationOrder_evenWithinOneMillisecond(String engine) {
    open(engine);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      made.add(store.create("k" + i, KeyRules.NONE, false).key().id());
    }
    assertThat(store.list()).extracting(ApiKey::id).containsExactlyElementsOf(made);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void ofManyConcurrentCreatesOfOneName_exactlyOneWins(String engine) throws Exception {
    open(engine);
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(
          () -> {
            try {
              store.create("contested", KeyRules.NONE, false);
              return true;
            } catch (IllegalArgumentException taken) {
              assertThat(taken).hasMessageContaining("contested");
              return false;
            }
          });
    }
    int won = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> result : pool.invokeAll(racers)) {
        won += result.get() ? 1 : 0;
      }
    }
    assertThat(won).isEqualTo(1);
    assertThat(store.list()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void everyStoreOnOneDatabaseSharesTheSalt(String engine) {
    open(engine);
    IssuedKey issued = store.create("shared", KeyRules.NONE, false);
    SqlKeyStore other = SqlKeyStore.of(db);
    assertThat(other.findByHash(other.hasher().hash(issued.secret()))).contains(issued.key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theTableRefusesRulesThatBreakTheContract(String engine) throws Exception {
    open(engine);
    store.create("checked", KeyRules.NONE, false);
    try (var c = db.connection();
        var update = c.createStatement()) {
      for (String bad :
          List.of(
              "UPDATE api_keys SET limit_reset = 'hourly'",
              "UPDATE api_keys SET rpm = 0",
              "UPDATE api_keys SET daily_cap_micros = -1",
              "UPDATE api_keys SET admin = 2")) {
        assertThatThrownBy(() -> update.execute(bad))
            .as(bad)
            .isInstanceOf(java.sql.SQLException.class);
      }
    }
  }
}
