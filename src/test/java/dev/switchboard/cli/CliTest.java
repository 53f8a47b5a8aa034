package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key and report commands, run as a user would, against a real SQLite file. */
class CliTest {
  @TempDir Path dir;

  @Test
  void createsListsAndRevokesKeys_printingTheSecretOnlyOnce() throws Exception {
    Path db = dir.resolve("keys.db");
    String created =
        run("keys", "create", "--db", db.toString(), "--name", "laptop", "--limit-usd", "2.5");
    String secret =
        created
            .lines()
            .filter(l -> l.startsWith("Secret"))
            .findFirst()
            .orElseThrow()
            .replaceAll(".*: ", "");
    assertThat(secret).startsWith("sk-sb-v1-");
    assertThat(created).contains("limit $2.5");

    String listed = run("keys", "list", "--db", db.toString());
    assertThat(listed)
        .contains("laptop")
        .contains("active")
        .contains("$2.5")
        .doesNotContain(secret);
    assertThat(Files.readString(db, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(secret);

    assertThat(run("keys", "revoke", "--db", db.toString(), "laptop")).contains("Revoked");
    assertThat(run("keys", "list", "--db", db.toString())).contains("revoked");
  }

  @Test
  void reportsTopModelsAndCountries_fromTheLedger() {
    Path db = dir.resolve("ledger.db");
    try (SqliteDatabase database = SqliteDatabase.open(db);
        SqliteLedgerWriter writer = SqliteLedgerWriter.open(database)) {
      writer.append(row("r1", "deepseek/deepseek-v3.2", 3000, 1000)).join();
      writer.append(row("r2", "openai/gpt-5", 800, 200)).join();
    }
    String report = run("report", "--db", db.toString(), "--period", "week");
    assertThat(report)
        .contains("deepseek/deepseek-v3.2")
        .contains("openai/gpt-5")
        .contains("80.0%")
        .contains("CN")
        .contains("US");
    assertThat(report.indexOf("deepseek/deepseek-v3.2")).isLessThan(report.indexOf("openai/gpt-5"));
  }

  @Test
  void keysAndReport_useTheConfigsDatabase_asServeDoes_andSayWhichFile() throws Exception {
    Path db = dir.resolve("from-config.db");
    Path config = dir.resolve("switchboard.yaml");
    Files.writeString(config, "storage: {sqlite_path: \"%s\"}\n".formatted(db));

    CliErrorsTest.Run created =
        CliErrorsTest.run("keys", "create", "--config", config.toString(), "--name", "laptop");
    assertThat(created.exit()).isZero();
    assertThat(created.err())
        .startsWith("creating " + db.toAbsolutePath())
        .contains("storage.sqlite_path of " + config);
    assertThat(db).exists();

    CliErrorsTest.Run listed = CliErrorsTest.run("keys", "list", "--config", config.toString());
    assertThat(listed.out()).contains("laptop");
    assertThat(listed.err()).startsWith("using " + db.toAbsolutePath());
  }

  @Test
  void reportAndKeysList_refuseAMissingDatabase_insteadOfCreatingAnEmptyOne() {
    Path missing = dir.resolve("typo.db");
    for (String[] args :
        new String[][] {
          {"report", "--db", missing.toString()}, {"keys", "list", "--db", missing.toString()}
        }) {
      CliErrorsTest.Run run = CliErrorsTest.run(args);
      assertThat(run.exit()).as(String.join(" ", args)).isNotZero();
      assertThat(run.err()).contains("no database at " + missing.toAbsolutePath());
      assertThat(missing).doesNotExist();
    }
  }

  @Test
  void createsAKeyWithADefaultDataClass_andListsIt() {
    Path db = dir.resolve("classes.db");
    String created =
        run("keys", "create", "hr-bot", "--db", db.toString(), "--data-class", "Confidential");
    assertThat(created).contains("(hr-bot)").contains("data class confidential");
    run("keys", "create", "--name", "docs-bot", "--db", db.toString());

    String listed = run("keys", "list", "--db", db.toString());
    assertThat(listed.lines().filter(l -> l.contains("hr-bot")).findFirst().orElseThrow())
        .endsWith("confidential");
    assertThat(listed.lines().filter(l -> l.contains("docs-bot")).findFirst().orElseThrow())
        .endsWith("-");
    assertThat(listed.lines().findFirst().orElseThrow()).contains("DATA CLASS");
  }

  @Test
  void aKeysDefaultModelIsSetShownAndCleared() {
    Path db = dir.resolve("default-model.db");
    String created =
        run(
            "keys",
            "create",
            "agent",
            "--db",
            db.toString(),
            "--default-model",
            "switchboard/auto");
    assertThat(created).contains("default model switchboard/auto");
    String id = created.lines().filter(l -> l.contains("key_")).findFirst().orElseThrow();
    id = id.substring(id.indexOf("key_")).split("[\\s,()]")[0];
    String cleared = run("keys", "update", id, "--db", db.toString(), "--default-model", "none");
    assertThat(cleared).doesNotContain("default model");
  }

  @Test
  void refusesAnUnknownDataClass_orAKeyWithoutAName_withOneClearLine() {
    Path db = dir.resolve("bad.db");
    CliErrorsTest.Run bad =
        CliErrorsTest.run("keys", "create", "x", "--db", db.toString(), "--data-class", "secret");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.errorLines()).as(bad.err()).hasSize(1);
    assertThat(bad.errorLines().getFirst())
        .contains("--data-class")
        .contains("unknown data class 'secret' (public, internal, confidential or regulated)")
        .doesNotContain("Exception");

    CliErrorsTest.Run nameless = CliErrorsTest.run("keys", "create", "--db", db.toString());
    assertThat(nameless.exit()).isNotZero();
    assertThat(nameless.err()).contains("missing the key's name");
    CliErrorsTest.Run twice =
        CliErrorsTest.run("keys", "create", "a", "--name", "b", "--db", db.toString());
    assertThat(twice.exit()).isNotZero();
    assertThat(twice.err()).contains("not both");
  }

  @Test
  void reportsSpendByDataClass_andByDay_fromTheLedger() {
    Path db = dir.resolve("spend.db");
    try (SqliteDatabase database = SqliteDatabase.open(db);
        SqliteLedgerWriter writer = SqliteLedgerWriter.open(database)) {
      writer.append(handled("s1", 1_234_567, "regulated")).join();
      writer.append(handled("s2", 1_000_000, "regulated")).join();
      writer.append(handled("s3", 3, "internal")).join();
      writer.append(handled("old", 999, "public", Instant.now().minus(Duration.ofDays(40)))).join();
    }

    String report = run("report", "--db", db.toString(), "--by", "data-class");
    assertThat(report).startsWith("Switchboard spend by data class, week: ");
    List<String> lines = report.lines().toList();
    assertThat(lines.stream().filter(l -> l.strip().startsWith("regulated")).findFirst())
        .hasValueSatisfying(
            l ->
                assertThat(l.split("\\s+"))
                    .containsSequence("2", "6,000", "2,000", "8,000", "$2.234567"));
    assertThat(report.indexOf("regulated")).isLessThan(report.indexOf("internal"));
    assertThat(report).doesNotContain("public").contains("(total)").contains("$2.23457");

    String monthly =
        run("report", "--db", db.toString(), "--by", "data_class", "--period", "month");
    assertThat(monthly).doesNotContain("public");
    String byDay = run("report", "--db", db.toString(), "--by", "day");
    assertThat(byDay).contains(LocalDate.now(ZoneOffset.UTC).toString());

    CliErrorsTest.Run bad = CliErrorsTest.run("report", "--db", db.toString(), "--by", "country");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("unknown grouping 'country'").contains("data-class");
  }

  private static UsageRecord handled(String id, long cost, String dataClass) {
    return handled(id, cost, dataClass, Instant.now());
  }

  private static UsageRecord handled(String id, long cost, String dataClass, Instant at) {
    UsageRecord row = row(id, "m/x", 3000, 1000);
    return new UsageRecord(
            row.id(),
            at,
            row.keyId(),
            row.requestedModel(),
            row.servedModel(),
            row.provider(),
            row.promptTokens(),
            row.completionTokens(),
            0,
            0,
            0,
            0,
            false,
            cost,
            100,
            OptionalLong.empty(),
            false,
            200,
            Optional.empty(),
            Optional.empty())
        .withHandling(new DataHandling(dataClass, "", "route", List.of()));
  }

  private static UsageRecord row(String id, String model, long prompt, long completion) {
    return new UsageRecord(
        id,
        Instant.now(),
        "key_test",
        model,
        Optional.of(model),
        Optional.of("p"),
        prompt,
        completion,
        0,
        0,
        0,
        0,
        false,
        10,
        100,
        OptionalLong.of(20),
        false,
        200,
        Optional.empty(),
        Optional.empty());
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    assertThat(exit).as("exit of %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }
}
