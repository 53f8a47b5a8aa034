package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.ReportFormats;
import dev.switchboard.insight.ReportPeriod;
import dev.switchboard.insight.Scope;
import dev.switchboard.insight.SpendReport;
import dev.switchboard.insight.UsageReport;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.sql.RollupInsight;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the top models by tokens and the share by country of origin, read from the ledger; with
 * {@code --by}, requests, tokens and cost per data class, key, model, provider or day instead.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Top models by tokens and share by country of origin; with --by, spend per data class,"
            + " key, model, provider, app or day, or rankings by author, origin or category.")
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

  private static final Duration REPORT_TIMEOUT = Duration.ofMinutes(5);

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

  @Option(
      names = "--by",
      paramLabel = "GROUP",
      description =
          "Instead: spend by data-class, key, model, provider, app or day (as GET /api/v1/spend),"
              + " or rankings by author, origin, category, provider-country or deployment (as GET"
              + " /api/v1/rankings).")
  @Nullable String by;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json (the API's JSON) (default: ${DEFAULT-VALUE}).")
  Format format;

  /** How --by reports print. */
  enum Format {
    TABLE,
    CSV,
    JSON
  }

  @Override
  public Integer call() {
    ReportPeriod window =
        ReportPeriod.ending(period.name().toLowerCase(Locale.ROOT), period.length, Instant.now());
    if (by != null) {
      Optional<SpendGroup> group = spendGroup(by);
      if (group.isPresent()) {
        return spend(window, group.get());
      }
      return rankings(rankingDimension(by));
    }
    Catalog catalog = store.setup().catalog();
    try (Database db = open()) {
      var usage = SqlLedgerReader.of(db).usageByModel(window.from(), window.to());
      UsageReport report =
          UsageReport.of(window, usage, id -> catalog.model(id).map(Model::originCountry), top);
      spec.commandLine().getOut().print(report.render());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private int spend(ReportPeriod window, SpendGroup group) {
    try (Database db = open()) {
      SpendQuery query =
          SpendQuery.of(group).between(Optional.of(window.from()), Optional.of(window.to()));
      SpendReport report = new SpendReport(window, group, SqlLedgerReader.of(db).spend(query));
      spec.commandLine()
          .getOut()
          .print(
              switch (format) {
                case TABLE -> report.render();
                case CSV -> ReportFormats.csv(report);
                case JSON -> ReportFormats.json(report);
              });
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  // From the hourly rollups, as GET /api/v1/rankings: the operator sees every key's requests.
  private int rankings(Dimension dimension) {
    Catalog catalog = store.setup().catalog();
    try (Database db = open()) {
      Insight insight = new RollupInsight(db, catalog, new EnergyModel(catalog).pricing());
      Rankings rankings =
          insight.rankings(
              Scope.ALL,
              dev.switchboard.insight.Period.valueOf(period.name()),
              dimension,
              Instant.now());
      spec.commandLine()
          .getOut()
          .print(
              switch (format) {
                case TABLE -> ReportFormats.table(rankings);
                case CSV -> ReportFormats.csv(rankings);
                case JSON -> ReportFormats.json(rankings);
              });
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private static Optional<SpendGroup> spendGroup(String name) {
    try {
      return Optional.of(SpendGroup.of(name));
    } catch (IllegalArgumentException notSpend) {
      return Optional.empty();
    }
  }

  private Dimension rankingDimension(String name) {
    try {
      return Dimension.of(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown grouping '"
              + name
              + "' (one of data-class, key, model, provider, app, day, author, origin, category,"
              + " provider-country, deployment)");
    }
  }

  // A report reads a whole period: more than the request path's one second.
  private Database open() {
    return store.database(spec.commandLine().getErr(), false, REPORT_TIMEOUT);
  }
}
