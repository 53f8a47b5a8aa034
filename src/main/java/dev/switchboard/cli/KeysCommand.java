package dev.switchboard.cli;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.KeyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates, updates, lists and revokes client API keys with their rules (see {@link
 * KeyRuleOptions}). A key's secret is printed once and stored only as a salted hash.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage client API keys.",
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.Update.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Revoke.class
    })
final class KeysCommand {
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key and print its secret once.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;
    @CommandLine.Mixin KeyRuleOptions rules;

    @Parameters(
        arity = "0..1",
        paramLabel = "NAME",
        description = "A name to recognise the key by (or --name).")
    @Nullable String positionalName;

    @Option(names = "--name", description = "A name to recognise the key by.")
    @Nullable String name;

    @Option(
        names = "--admin",
        description =
            "An admin key: manages keys over the API (/api/v1/keys) and cannot call completions.")
    boolean admin;

    @Override
    public Integer call() {
      String keyName = name();
      KeyRules keyRules = rules.applyTo(KeyRules.NONE);
      try (Database db = store.openOrCreate(spec.commandLine().getErr())) {
        IssuedKey issued = SqlKeyStore.of(db).create(keyName, keyRules, admin);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "Created %skey %s (%s)%s%n",
            admin ? "admin " : "", issued.key().id(), issued.key().name(), rulesText(issued.key()));
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
      name = "update",
      mixinStandardHelpOptions = true,
      description =
          "Change an active key's rules; flags left out keep theirs, none removes one (models:"
              + " any).")
  static final class Update implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;
    @CommandLine.Mixin KeyRuleOptions rules;

    @Parameters(paramLabel = "ID_OR_NAME")
    String idOrName;

    @Override
    public Integer call() {
      if (!rules.any()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "nothing to change: give at least one rule flag (see --help)");
      }
      try (Database db = store.openExisting(spec.commandLine().getErr())) {
        KeyStore keys = SqlKeyStore.of(db);
        Optional<ApiKey> current = keys.find(idOrName).filter(ApiKey::active);
        Optional<ApiKey> updated =
            current.flatMap(key -> keys.update(key.id(), rules.applyTo(key.rules())));
        if (updated.isEmpty()) {
          spec.commandLine().getErr().printf("No active key with id or name '%s'%n", idOrName);
          return 1;
        }
        spec.commandLine()
            .getOut()
            .printf(
                "Updated key %s (%s)%s%n",
                updated.get().id(), updated.get().name(), rulesText(updated.get()));
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys with their spend and rules.")
  static final class ListKeys implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DatabaseOption store;

    @Override
    public Integer call() {
      try (Database db = store.openExisting(spec.commandLine().getErr())) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-18s %-20s %-18s %-8s %-6s %14s %14s  %-12s  %s%n",
            "ID", "NAME", "HINT", "STATUS", "ADMIN", "SPENT", "LIMIT", "DATA CLASS", "RULES");
        for (ApiKey key : SqlKeyStore.of(db).list()) {
          out.printf(
              "%-18s %-20s %-18s %-8s %-6s %14s %14s  %-12s  %s%n",
              key.id(),
              key.name(),
              key.hint(),
              status(key),
              key.admin() ? "yes" : "no",
              key.spent(),
              key.limit().map(Money::toString).orElse("-"),
              key.dataClass().map(DataClass::wireName).orElse("-"),
              KeyRuleOptions.describe(key.rules()));
        }
        return 0;
      }
    }

    private static String status(ApiKey key) {
      if (!key.active()) {
        return "revoked";
      }
      return key.expired(Instant.now()) ? "expired" : "active";
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
      try (Database db = store.openExisting(spec.commandLine().getErr())) {
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

  private static String rulesText(ApiKey key) {
    String rules = KeyRuleOptions.describe(key.rules());
    return rules.equals("-") ? "" : ": " + rules;
  }
}
