package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.insight.ReportPeriod;
import dev.switchboard.insight.UsageReport;
import dev.switchboard.ledger.sqlite.SqliteDatabase;
import dev.switchboard.ledger.sqlite.SqliteLedgerReader;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the top models by tokens and the share by country of origin, read from the ledger. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Top models by tokens and share by country of origin.")
final class ReportCommand implements Callable<Integer> {
  /** The reporting windows, ending now. */
  enum Period {
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(30));

    final Duration length;

    Period(Duration length) {
      this.length = length;
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin DatabaseOption store;

  @Option(
      names = "--period",
      defaultValue = "week",
      description = "day, week or month (default: ${DEFAULT-VALUE}).")
  Period period;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "How many models to rank (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    Catalog catalog = store.setup().catalog();
    ReportPeriod window =
        ReportPeriod.ending(
            period.name().toLowerCase(java.util.Locale.ROOT), period.length, Instant.now());
    try (SqliteDatabase db = store.openExisting(spec.commandLine().getErr())) {
      var usage = SqliteLedgerReader.of(db).usageByModel(window.from(), window.to());
      UsageReport report =
          UsageReport.of(window, usage, id -> catalog.model(id).map(Model::originCountry), top);
      spec.commandLine().getOut().print(report.render());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
