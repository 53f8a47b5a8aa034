package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.insight.ReportPeriod;
import dev.switchboard.insight.SpendReport;
import dev.switchboard.insight.UsageReport;
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
            + " key, model, provider or day.")
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
      converter = GroupName.class,
      paramLabel = "GROUP",
      description =
          "Instead: requests, tokens and cost by data-class, key, model, provider or day.")
  @Nullable SpendGroup by;

  @Override
  public Integer call() {
    ReportPeriod window =
        ReportPeriod.ending(period.name().toLowerCase(Locale.ROOT), period.length, Instant.now());
    if (by != null) {
      return spend(window, by);
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
      spec.commandLine().getOut().print(report.render());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  // A report reads a whole period: more than the request path's one second.
  private Database open() {
    return store.database(spec.commandLine().getErr(), false, REPORT_TIMEOUT);
  }

  /**
   * A grouping name, as {@link SpendGroup#of} reads it ({@code data-class} or {@code data_class}).
   */
  static final class GroupName implements CommandLine.ITypeConverter<SpendGroup> {
    @Override
    public SpendGroup convert(String value) {
      try {
        return SpendGroup.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            String.valueOf(e.getMessage()).replace("data_class", "data-class"));
      }
    }
  }
}
