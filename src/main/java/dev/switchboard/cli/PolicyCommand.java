package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.health.HealthView;
import dev.switchboard.policy.DataClass;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.policy.PolicyParser;
import dev.switchboard.policy.ScanReport;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.policy.eval.Evaluation;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The sourcing policy from the command line: what it does with a request, before sending it. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Explain the data policy: scan a request file, or evaluate the detectors.",
    subcommands = {PolicyCommand.Scan.class, PolicyCommand.Eval.class})
final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The policy of the config file, else the shipped example. */
  static SourcingPolicy policyOf(Setup setup) {
    JsonNode section = setup.config().policy();
    return PolicyParser.parse(
        section.isEmpty() ? PolicyParser.example() : section, setup.catalog());
  }

  /** {@code switchboard policy eval FILE}: how well the detectors do on a labelled corpus. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Print precision, recall and F2 per finding type, false positives on the negatives and"
              + " accepted checksum-invalid look-alikes, for the detectors of the config's policy"
              + " (else the example's) on a labelled JSONL corpus such as"
              + " src/test/resources/policy/eval-corpus.jsonl.")
  static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A labelled corpus: JSON lines.")
    Path file;

    @CommandLine.Mixin ConfigOption config;

    @Override
    public Integer call() throws IOException {
      Scanner scanner = policyOf(config.setup()).scanner().orElseThrow();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      PrintWriter out = spec.commandLine().getOut();
      Evaluation.run(scanner, file).print(out);
      out.flush();
      return 0;
    }
  }

  /** {@code switchboard policy scan FILE}: the same JSON as POST /api/v1/policy/scan. */
  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description =
          "Print the data class, rule, action, findings (offsets, never text) and eligible"
              + " deployments of a chat request body (OpenAI or Anthropic JSON), calling no"
              + " provider. Uses the policy of the config file, else the example policy.")
  static final class Scan implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A chat request body, as a client sends it.")
    Path file;

    @CommandLine.Mixin ConfigOption config;

    @Option(
        names = "--format",
        description = "openai or anthropic (default: guessed from the body).")
    Optional<String> format;

    @Option(
        names = "--class",
        description = "The key's default data class, as keys create --data-class sets it.")
    Optional<String> keyClass;

    @Option(names = "--header", description = "The X-Data-Class header to scan with.")
    Optional<String> header;

    @Override
    public Integer call() {
      Setup setup = config.setup();
      JsonNode section = setup.config().policy();
      SourcingPolicy policy =
          PolicyParser.parse(section.isEmpty() ? PolicyParser.example() : section, setup.catalog());
      byte[] body = read(file);
      ChatRequest request = parse(body);
      PolicyDecision decision = policy.decide(request, keyClass.map(DataClass::of), header);
      RoutePlanner planner =
          new RoutePlanner(
              setup.catalog(),
              new ModelAliases(setup.config().aliases()),
              setup.config().routing(),
              true,
              HealthView.NONE);
      JsonNode report = ScanReport.explain(request, decision, planner);
      try {
        spec.commandLine()
            .getOut()
            .println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      spec.commandLine().getOut().flush();
      return 0;
    }

    private ChatRequest parse(byte[] body) {
      String name = format.orElseGet(() -> ScanReport.guessFormat(body));
      WireFormat wire =
          WireFormats.find(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("--format must be openai or anthropic"));
      try {
        return wire.parseRequest(new IngressRequest("", Map.of(), body));
      } catch (WireException e) {
        throw new IllegalArgumentException(
            file + " is not a valid " + name + " chat request: " + e.getMessage(), e);
      }
    }

    private static byte[] read(Path file) {
      try {
        return Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IllegalArgumentException(file + ": no such file", e);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
