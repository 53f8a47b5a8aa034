package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys create/update/list} with every rule, read back from the store they wrote. */
class KeysCommandTest {
  @TempDir Path dir;

  @Test
  void createsAKeyWithEveryRule_andStoresExactlyThem() {
    Path db = dir.resolve("rules.db");
    CliErrorsTest.Run created =
        CliErrorsTest.run(
            "keys",
            "create",
            "agent",
            "--db",
            db.toString(),
            "--limit",
            "25",
            "--reset",
            "monthly",
            "--expires",
            "2027-01-01T00:00:00Z",
            "--models",
            "anthropic/*, openai/gpt-5",
            "--rpm",
            "60",
            "--tpm",
            "100000",
            "--concurrency",
            "4",
            "--session-cap",
            "2.50",
            "--daily-cap",
            "10.000001",
            "--data-class",
            "internal");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("(agent): limit $25 monthly, expires 2027-01-01T00:00:00Z")
        .contains("models anthropic/*,openai/gpt-5, rpm 60, tpm 100000, concurrency 4")
        .contains("session cap $2.5, daily cap $10.000001, data class internal");

    ApiKey key = only(db, "agent");
    assertThat(key.admin()).isFalse();
    assertThat(key.rules())
        .isEqualTo(
            KeyRules.builder()
                .limitMicros(OptionalLong.of(25_000_000))
                .limitReset(Optional.of(LimitReset.MONTHLY))
                .expiresAt(Optional.of(Instant.parse("2027-01-01T00:00:00Z")))
                .models(List.of("anthropic/*", "openai/gpt-5"))
                .rpm(OptionalInt.of(60))
                .tpm(OptionalLong.of(100_000))
                .concurrency(OptionalInt.of(4))
                .sessionCapMicros(OptionalLong.of(2_500_000))
                .dailyCapMicros(OptionalLong.of(10_000_001))
                .dataClass(Optional.of(DataClass.INTERNAL))
                .build());
    String listed = CliErrorsTest.run("keys", "list", "--db", db.toString()).out();
    assertThat(listed.lines().filter(l -> l.contains("agent")).findFirst().orElseThrow())
        .contains("active")
        .contains("$25")
        .endsWith("data class internal");
  }

  @Test
  void createsAnAdminKey_withAnExpiryFromNow() {
    Path db = dir.resolve("admin.db");
    Instant before = Instant.now();
    CliErrorsTest.Run created =
        CliErrorsTest.run(
            "keys", "create", "ops", "--admin", "--expires", "30d", "--db", db.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).startsWith("Created admin key key_").contains("Secret (shown once");

    ApiKey key = only(db, "ops");
    assertThat(key.admin()).isTrue();
    assertThat(key.rules().expiresAt().orElseThrow())
        .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
    String listed = CliErrorsTest.run("keys", "list", "--db", db.toString()).out();
    assertThat(listed.lines().filter(l -> l.contains("ops")).findFirst().orElseThrow())
        .contains(" yes ");
  }

  @Test
  void updateChangesOnlyTheGivenRules_andNoneRemovesOne() {
    Path db = dir.resolve("update.db");
    CliErrorsTest.run(
        "keys",
        "create",
        "ci",
        "--db",
        db.toString(),
        "--limit",
        "5",
        "--reset",
        "daily",
        "--rpm",
        "10",
        "--models",
        "m/a");
    CliErrorsTest.Run updated =
        CliErrorsTest.run(
            "keys",
            "update",
            "ci",
            "--db",
            db.toString(),
            "--rpm",
            "none",
            "--tpm",
            "500",
            "--models",
            "any",
            "--expires",
            "2030-02-03");
    assertThat(updated.exit()).as(updated.err()).isZero();
    assertThat(updated.out()).startsWith("Updated key key_").contains("(ci): limit $5 daily");

    KeyRules rules = only(db, "ci").rules();
    assertThat(rules.limitMicros()).hasValue(5_000_000);
    assertThat(rules.limitReset()).contains(LimitReset.DAILY);
    assertThat(rules.rpm()).isEmpty();
    assertThat(rules.tpm()).hasValue(500);
    assertThat(rules.models()).isEmpty();
    assertThat(rules.expiresAt()).contains(Instant.parse("2030-02-03T00:00:00Z"));

    // Removing the limit removes its reset too: a reset of nothing means nothing.
    CliErrorsTest.run("keys", "update", "ci", "--db", db.toString(), "--limit", "none");
    assertThat(only(db, "ci").rules().limitReset()).isEmpty();
  }

  @Test
  void refusesBadRules_withOneClearLine() {
    Path db = dir.resolve("bad.db");
    for (List<String> args :
        List.of(
            List.of("--reset", "daily"),
            List.of("--rpm", "0"),
            List.of("--expires", "tomorrow"),
            List.of("--models", "a,,b"),
            List.of("--limit", "-1"),
            List.of("--reset", "hourly", "--limit", "1"))) {
      List<String> command = new java.util.ArrayList<>(List.of("keys", "create", "x"));
      command.addAll(List.of("--db", db.toString()));
      command.addAll(args);
      CliErrorsTest.Run run = CliErrorsTest.run(command.toArray(String[]::new));
      assertThat(run.exit()).as(args.toString()).isNotZero();
      assertThat(run.errorLines()).as(run.err()).hasSize(1);
      assertThat(run.errorLines().getFirst()).doesNotContain("Exception");
    }
    CliErrorsTest.Run noReset =
        CliErrorsTest.run("keys", "create", "x", "--db", db.toString(), "--reset", "daily");
    assertThat(noReset.err()).contains("a limit reset needs a credit limit");
    CliErrorsTest.run("keys", "create", "y", "--db", db.toString());
    assertThat(CliErrorsTest.run("keys", "update", "y", "--db", db.toString()).err())
        .contains("nothing to change");
    CliErrorsTest.Run unknown =
        CliErrorsTest.run("keys", "update", "nobody", "--rpm", "3", "--db", db.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("No active key with id or name 'nobody'");
  }

  @Test
  void readsExpiriesAsInstantsDatesOrTimesFromNow() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    assertThat(KeyRuleOptions.ExpiryChange.parse("12h", now))
        .isEqualTo(Instant.parse("2026-12-06T22:00:00Z"));
    assertThat(KeyRuleOptions.ExpiryChange.parse("90m", now))
        .isEqualTo(Instant.parse("2026-12-06T11:30:00Z"));
    assertThat(KeyRuleOptions.ExpiryChange.parse("2027-01-01", now))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  private static ApiKey only(Path db, String name) {
    try (SqliteDatabase database = SqliteDatabase.open(db)) {
      return SqlKeyStore.of(database).find(name).orElseThrow();
    }
  }
}
