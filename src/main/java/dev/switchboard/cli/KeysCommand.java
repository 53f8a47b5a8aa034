package dev.switchboard.cli;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates, lists and revokes client API keys. A key's secret is printed once and stored only as a
 * salted hash.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage client API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key and print its secret once.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;

    @Parameters(
        arity = "0..1",
        paramLabel = "NAME",
        description = "A name to recognise the key by (or --name).")
    @Nullable String positionalName;

    @Option(names = "--name", description = "A name to recognise the key by.")
    @Nullable String name;

    @Option(
        names = "--data-class",
        converter = DataClassName.class,
        description =
            "The key's default data class: public, internal, confidential or regulated. Every"
                + " request made with the key is at least this class.")
    @Nullable DataClass dataClass;

    @Option(
        names = "--limit-usd",
        converter = UsdAmount.class,
        description = "Spending limit in USD (up to 6 decimals).")
    Money limitUsd;

    @Override
    public Integer call() {
      OptionalLong limit =
          limitUsd == null ? OptionalLong.empty() : OptionalLong.of(limitUsd.micros());
      String keyName = name();
      try (SqliteDatabase db = store.openOrCreate(spec.commandLine().getErr())) {
        IssuedKey issued =
            SqlKeyStore.of(db).create(keyName, limit, Optional.ofNullable(dataClass));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "Created key %s (%s)%s%s%n",
            issued.key().id(),
            issued.key().name(),
            limitText(issued.key()),
            issued.key().dataClass().map(c -> ", data class " + c.wireName()).orElse(""));
        out.printf("Secret (shown once, store it now): %s%n", issued.secret());
        return 0;
      }
    }

    private String name() {
      if (name != null && positionalName != null && !name.equals(positionalName)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give the key's name once: NAME or --name, not both");
      }
      String given = name != null ? name : positionalName;
      if (given == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "missing the key's name: keys create NAME (or --name NAME)");
      }
      return given;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys with their spend.")
  static final class ListKeys implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;

    @Override
    public Integer call() {
      try (SqliteDatabase db = store.openExisting(spec.commandLine().getErr())) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-18s %-20s %-18s %-8s %14s %14s  %s%n",
            "ID", "NAME", "HINT", "STATUS", "SPENT", "LIMIT", "DATA CLASS");
        for (ApiKey key : SqlKeyStore.of(db).list()) {
          out.printf(
              "%-18s %-20s %-18s %-8s %14s %14s  %s%n",
              key.id(),
              key.name(),
              key.hint(),
              key.active() ? "active" : "revoked",
              key.spent(),
              key.limit().map(Money::toString).orElse("-"),
              key.dataClass().map(DataClass::wireName).orElse("-"));
        }
        return 0;
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a key by id or name (takes effect within about two seconds).")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;

    @Parameters(paramLabel = "ID_OR_NAME")
    String idOrName;

    @Override
    public Integer call() {
      try (SqliteDatabase db = store.openExisting(spec.commandLine().getErr())) {
        KeyStore keys = SqlKeyStore.of(db);
        var revoked = keys.revoke(idOrName);
        PrintWriter out = spec.commandLine().getOut();
        if (revoked.isEmpty()) {
          spec.commandLine().getErr().printf("No active key with id or name '%s'%n", idOrName);
          return 1;
        }
        out.printf("Revoked key %s (%s)%n", revoked.get().id(), revoked.get().name());
        return 0;
      }
    }
  }

  /** A dollar amount with at most six decimals, as {@link Money#ofUsd} reads it. */
  static final class UsdAmount implements CommandLine.ITypeConverter<Money> {
    @Override
    public Money convert(String value) {
      try {
        Money amount = Money.ofUsd(value);
        if (amount.micros() < 0) {
          throw new CommandLine.TypeConversionException("a limit cannot be negative: " + value);
        }
        return amount;
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an amount in USD such as 20 or 0.50");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** A data class name, as {@link DataClass#of} reads it. */
  static final class DataClassName implements CommandLine.ITypeConverter<DataClass> {
    @Override
    public DataClass convert(String value) {
      try {
        return DataClass.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  private static String limitText(ApiKey key) {
    return key.limit().map(limit -> ", limit " + limit).orElse("");
  }
}
