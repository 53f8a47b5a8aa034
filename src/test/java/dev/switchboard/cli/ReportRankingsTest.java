package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RowNames;
import dev.switchboard.insight.sql.RollupHook;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --by} a rankings dimension prints the rollups' rankings, in a table, CSV or the
 * API's JSON, with the same numbers in each.
 */
class ReportRankingsTest {
  @TempDir Path dir;

  @Test
  void ranksByOrigin_andApp_inEveryFormat() throws Exception {
    Path db = dir.resolve("ledger.db");
    Catalog catalog = Catalog.load(Catalog.shippedTree(), Json.object());
    RollupHook hook = new RollupHook(new Rollup(new RowNames(catalog), new EnergyModel(catalog)));
    Instant now = Instant.now();
    try (SqliteDatabase database = SqliteDatabase.open(db);
        SqliteLedgerWriter writer =
            SqliteLedgerWriter.open(database, new Config.Storage(db), hook)) {
      writer.append(row("r1", "deepseek/deepseek-v3.2", now, 3000, 1000, "Cline")).join();
      writer.append(row("r2", "openai/gpt-5", now, 800, 200, "Codex")).join();
    }
    String table = run("report", "--db", db.toString(), "--by", "origin");
    assertThat(table).startsWith("Switchboard rankings by origin, week: ");
    assertThat(table.indexOf("CN")).isLessThan(table.indexOf("US"));
    assertThat(table).contains("4,000").contains("80.0%").contains("new");

    String csv = run("report", "--db", db.toString(), "--by", "origin", "--format", "csv");
    assertThat(csv.lines())
        .containsExactly(
            "name,tokens,prompt_tokens,completion_tokens,requests,cost_micros,share,"
                + "previous_tokens,change",
            "CN,4000,3000,1000,1,7,0.8,0,",
            "US,1000,800,200,1,7,0.2,0,");

    JsonNode json =
        Json.tree(run("report", "--db", db.toString(), "--by", "category", "--format", "json"));
    assertThat(json.at("/data/by").asText()).isEqualTo("category");
    assertThat(json.at("/data/total_tokens").asLong()).isEqualTo(5000);

    String apps = run("report", "--db", db.toString(), "--by", "app", "--format", "csv");
    assertThat(apps).contains("Cline,1,3000,1000,4000,7").contains("Codex,1,800,200,1000,7");
  }

  private static UsageRecord row(
      String id, String model, Instant at, long prompt, long completion, String app) {
    return UsageRecords.served(id, "key_cli", model, at, prompt, completion, 7)
        .withInsight(Optional.of(app), Optional.of("programming"));
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
