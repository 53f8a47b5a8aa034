package dev.switchboard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the demo's traffic looks like: a handful of agents and apps, each as it shows itself to a
 * gateway (User-Agent, or OpenRouter's HTTP-Referer and X-Title), in its own wire format, with its
 * own models, tasks, data classes and share of the traffic; a few requests ask the simulator to
 * fail. Each call is drawn at random, so the dashboard fills like a real team's gateway would.
 */
final class DemoWorkload {
  /** Which of the gateway's ingress formats an app speaks. */
  enum Format {
    OPENAI("/v1/chat/completions"),
    ANTHROPIC("/v1/messages");

    final String path;

    Format(String path) {
      this.path = path;
    }
  }

  /** One HTTP request to send: path, headers (the key is added by the sender) and JSON body. */
  record Call(String path, Map<String, String> headers, byte[] body) {}

  /** A task kind: its user prompts and whether agents send it with tools. */
  private record Task(List<String> prompts, boolean tools) {}

  /** An app: how it identifies itself, its format, models, tasks, data classes and weight. */
  private record App(
      Map<String, String> identity,
      Format format,
      List<String> models,
      List<Task> tasks,
      List<String> classes,
      int weight) {}

  private static final String CODE_CONTEXT =
      "You are a coding agent working in a Java 25 repository (Maven, Vert.x, JUnit 5). Read files"
          + " before editing them, keep methods short, run the tests after each change, and never"
          + " print secrets. The repository has src/main/java/dev/example/{api,billing,storage}"
          + " and src/test/java mirrors it. ";
  private static final String ASSISTANT_CONTEXT =
      "You are a helpful assistant for Acme Corp. Answer briefly and politely, in the language"
          + " of the question. If you do not know, say so. ";

  private static final Task PROGRAMMING =
      new Task(
          List.of(
              "Fix the failing test InvoiceServiceTest.totalsRoundHalfEven: expected 10.05 but"
                  + " was 10.04.\n```java\nlong total = items.stream().mapToLong(i -> i.cents())"
                  + ".sum();\nreturn BigDecimal.valueOf(total, 2).setScale(2, RoundingMode.DOWN);"
                  + "\n```",
              "Refactor the function parse_config in config.py so it returns a dataclass instead"
                  + " of a dict, and add type hints.\n```python\ndef parse_config(path):\n    with"
                  + " open(path) as f:\n        return yaml.safe_load(f)\n```",
              "Write a SQL migration that adds an index on orders(customer_id, created_at) and a"
                  + " unit test that checks the query plan uses it.",
              "Why does this TypeScript compile error happen? error TS2345: Argument of type"
                  + " 'string | undefined' is not assignable to parameter of type 'string'."),
          true);
  private static final Task AGENTIC =
      new Task(
          List.of(
              "Find the three open support tickets about refunds, summarise each, and draft a"
                  + " reply for the oldest one.",
              "Check the calendar for next Tuesday, find a free hour for the team sync and send"
                  + " the invitation.",
              "Search the web for the latest release notes of PostgreSQL and list what changed"
                  + " for logical replication."),
          true);
  private static final Task CHAT =
      new Task(
          List.of(
              "Hi! What's a good name for a golden retriever puppy?",
              "Can you explain what a mortgage offset account is, in two sentences?",
              "What should I pack for a weekend hiking trip in the Alps in October?"),
          false);
  private static final Task TRANSLATION =
      new Task(
          List.of(
              "Translate into German: Your order has shipped and will arrive on Thursday.",
              "Translate this to French: We are sorry for the delay; a refund is on its way.",
              "Translate into Japanese: Thank you for your feedback, we will fix it soon."),
          false);
  private static final Task ANALYSIS =
      new Task(
          List.of(
              "Analyse this quarterly revenue table and explain the trend:\nQ1 1.2M\nQ2 1.5M\n"
                  + "Q3 1.4M\nQ4 2.1M",
              "Summarise the main risks in this contract clause: The supplier may change prices"
                  + " with 7 days notice and liability is capped at one month of fees.",
              "Compare churn between the two cohorts: January 4.1% monthly, February 6.3%"
                  + " monthly. What could explain the difference?"),
          false);
  private static final Task CREATIVE =
      new Task(
          List.of(
              "Write a short poem about a lighthouse keeper who collects lost messages.",
              "Write a product description for a handmade ceramic coffee mug, 60 words.",
              "Give me three slogans for a neighbourhood bakery."),
          false);

  private static final List<App> APPS =
      List.of(
          new App(
              Map.of("user-agent", "claude-cli/2.0.31 (external, cli)"),
              Format.ANTHROPIC,
              List.of("anthropic/claude-sonnet-4.6", "anthropic/claude-opus-4.6", "z-ai/glm-5"),
              List.of(PROGRAMMING, PROGRAMMING, AGENTIC),
              List.of("internal", "internal", "public"),
              5),
          new App(
              Map.of("user-agent", "codex_cli_rs/0.58.0 (Ubuntu 24.4.0; x86_64) vscode/1.105.1"),
              Format.OPENAI,
              List.of("openai/gpt-5", "openai/gpt-5-mini"),
              List.of(PROGRAMMING),
              List.of("internal", "public"),
              3),
          new App(
              Map.of("http-referer", "https://cline.bot", "x-title", "Cline"),
              Format.OPENAI,
              List.of("moonshotai/kimi-k2.5", "deepseek/deepseek-v3.2", "qwen/qwen3.5-397b-a17b"),
              List.of(PROGRAMMING, AGENTIC),
              List.of("public", "internal"),
              4),
          new App(
              Map.of("user-agent", "OpenClaw/2026.11.2", "x-title", "OpenClaw"),
              Format.OPENAI,
              List.of("minimax/minimax-m2.5", "moonshotai/kimi-k2.5"),
              List.of(AGENTIC, CHAT),
              List.of("public", "confidential"),
              3),
          new App(
              Map.of(
                  "http-referer", "https://support.acme.example", "x-title", "Acme Support Desk"),
              Format.OPENAI,
              List.of("google/gemini-2.5-flash", "openai/gpt-5-mini", "deepseek/deepseek-v3.2"),
              List.of(CHAT, TRANSLATION),
              List.of("confidential", "public", "internal"),
              3),
          new App(
              Map.of("user-agent", "OpenAI/Python 1.109.1"),
              Format.OPENAI,
              List.of("deepseek/deepseek-v3.2", "google/gemini-2.5-flash"),
              List.of(TRANSLATION, CREATIVE),
              List.of("public"),
              2),
          new App(
              Map.of("user-agent", "Anthropic/Python 0.69.0"),
              Format.ANTHROPIC,
              List.of("anthropic/claude-sonnet-4.6", "google/gemini-2.5-pro"),
              List.of(ANALYSIS),
              List.of("confidential", "internal"),
              2),
          // Regulated data: only a zero-retention US deployment may take it (Kimi at Fireworks).
          new App(
              Map.of(
                  "http-referer", "https://claims.acme.example", "x-title", "Acme Claims Review"),
              Format.OPENAI,
              List.of("moonshotai/kimi-k2.5"),
              List.of(ANALYSIS),
              List.of("regulated"),
              1));

  private static final int TOTAL_WEIGHT = APPS.stream().mapToInt(App::weight).sum();

  private DemoWorkload() {}

  /** Every user prompt the traffic sends (the dashboard's test checks none reaches the page). */
  static List<String> prompts() {
    return List.of(PROGRAMMING, AGENTIC, CHAT, TRANSLATION, ANALYSIS, CREATIVE).stream()
        .flatMap(task -> task.prompts().stream())
        .toList();
  }

  /** The next request of the demo's traffic, drawn with {@code random}. */
  static Call next(SplittableRandom random) {
    App app = app(random);
    Task task = pick(random, app.tasks());
    boolean stream = random.nextInt(2) == 0;
    Map<String, String> headers = new LinkedHashMap<>(app.identity());
    headers.put("content-type", "application/json");
    headers.put("x-data-class", pick(random, app.classes()));
    fault(random, stream).ifPresent(fault -> headers.put("x-sim-fault", fault));
    if (app.format() == Format.ANTHROPIC) {
      headers.put("anthropic-version", "2023-06-01");
    }
    String context = task.tools() ? CODE_CONTEXT.repeat(12) : ASSISTANT_CONTEXT.repeat(4);
    ObjectNode body =
        body(app.format(), pick(random, app.models()), context, pick(random, task.prompts()));
    body.put("max_tokens", 400).put("stream", stream);
    if (task.tools()) {
      body.set("tools", tools(app.format()));
    }
    return new Call(app.format().path, headers, Json.bytes(body));
  }

  /**
   * About one request in seven misbehaves upstream: a 503 the gateway falls back from (the
   * provider's uptime drops, the client never sees it), a content-policy refusal the client gets,
   * or a stream cut after content (it ends in an error event).
   */
  private static Optional<String> fault(SplittableRandom random, boolean stream) {
    int roll = random.nextInt(100);
    if (roll < 8) {
      return Optional.of("status-503");
    }
    if (roll < 11) {
      return Optional.of("content-policy");
    }
    if (roll < 14 && stream) {
      return Optional.of("disconnect-mid-stream");
    }
    return Optional.empty();
  }

  private static ObjectNode body(Format format, String model, String system, String prompt) {
    ObjectNode body = Json.object().put("model", model);
    ArrayNode messages = Json.array();
    if (format == Format.ANTHROPIC) {
      body.put("system", system);
    } else {
      messages.addObject().put("role", "system").put("content", system);
    }
    messages.addObject().put("role", "user").put("content", prompt);
    body.set("messages", messages);
    return body;
  }

  /** Two coding-agent tools in the format's shape (a model may call one; nobody runs it). */
  private static ArrayNode tools(Format format) {
    ArrayNode tools = Json.array();
    for (String name : List.of("read_file", "run_tests")) {
      ObjectNode schema = Json.object().put("type", "object");
      schema.putObject("properties").putObject("path").put("type", "string");
      String description = name.equals("read_file") ? "Read a file" : "Run the tests under a path";
      if (format == Format.ANTHROPIC) {
        tools
            .addObject()
            .put("name", name)
            .put("description", description)
            .set("input_schema", schema);
      } else {
        ObjectNode function =
            tools.addObject().put("type", "function").putObject("function").put("name", name);
        function.put("description", description).set("parameters", schema);
      }
    }
    return tools;
  }

  private static App app(SplittableRandom random) {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (App app : APPS) {
      roll -= app.weight();
      if (roll < 0) {
        return app;
      }
    }
    return APPS.getLast();
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
