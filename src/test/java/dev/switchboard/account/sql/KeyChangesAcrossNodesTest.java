package dev.switchboard.account.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.KeyRules;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two "nodes" (a store and an authenticator each, refreshing every 400 ms as in cluster mode) on
 * one real PostgreSQL schema: a rule change or revocation made through one is seen by the other
 * within a second.
 */
class KeyChangesAcrossNodesTest {
  private static final Duration REFRESH = Duration.ofMillis(400);
  private Database db;
  private ExecutorService blocking;
  private SqlKeyStore nodeA;
  private KeyAuthenticator authB;

  @BeforeEach
  void open() {
    db = TestPostgres.migrated();
    blocking = Executors.newVirtualThreadPerTaskExecutor();
    nodeA = SqlKeyStore.of(db);
    SqlKeyStore nodeB = SqlKeyStore.of(db);
    authB = new KeyAuthenticator(nodeB, nodeB.hasher(), blocking, REFRESH);
  }

  @AfterEach
  void close() {
    blocking.close();
    db.close();
  }

  @Test
  void aRuleChangeOnOneNode_reachesTheOtherWithinASecond() throws Exception {
    IssuedKey issued = nodeA.create("agent", KeyRules.NONE, false);
    assertThat(authB.authenticate(issued.secret()).get(5, TimeUnit.SECONDS))
        .map(ApiKey::rules)
        .contains(KeyRules.NONE);

    KeyRules limited = KeyRules.builder().rpm(OptionalInt.of(7)).build();
    nodeA.update("agent", limited);
    long took = within(issued.secret(), k -> k.map(ApiKey::rules).equals(Optional.of(limited)));
    assertThat(took).isLessThan(1_000);
  }

  @Test
  void aRevocationOnOneNode_reachesTheOtherWithinASecond() throws Exception {
    IssuedKey issued = nodeA.create("doomed", KeyRules.NONE, false);
    assertThat(authB.authenticate(issued.secret()).get(5, TimeUnit.SECONDS)).isPresent();

    nodeA.revoke("doomed");
    long took = within(issued.secret(), Optional::isEmpty);
    assertThat(took).isLessThan(1_000);
  }

  /** Milliseconds until node B's answer passes {@code expected}, asking every 20 ms. */
  private long within(String secret, Predicate<Optional<ApiKey>> expected) throws Exception {
    long start = System.nanoTime();
    while (!expected.test(authB.authenticate(secret).get(5, TimeUnit.SECONDS))) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      Thread.sleep(20);
    }
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }
}
