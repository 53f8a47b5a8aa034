package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the policy scan (all detectors, default phone regions US/GB/DE/FR): the 1 KB prose
 * prompt of bench/peers.sh, per KB of a coding-agent conversation (code, logs, JSON tool results, a
 * few emails and IPs), a 100 KB and a 1 MB prompt of the same mix (linear: the 1 MB scan takes
 * about 10 times the 100 KB one), and an adversarial 1 MB of digit runs. Uses only {@code
 * Scanner.scan(ChatRequest|String)}, so the same class measures an older scanner put first on the
 * class path. Run with bench/policy.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class ScanBench {
  static final String SUPPORT_TICKET =
      "You are a concise, helpful customer-support assistant. Summarize the following support"
          + " ticket in two sentences and suggest one next step. Ticket: The customer reports that"
          + " since the last update, exporting a report to CSV intermittently fails with a timeout"
          + " after about thirty seconds. It happens mostly for reports with more than ten thousand"
          + " rows, and only in the afternoon. Retrying sometimes works. They are on the Business"
          + " plan, region eu-west, and have already cleared their browser cache and tried two"
          + " browsers. They need the export for a board meeting on Friday and ask whether there is"
          + " a workaround or an ETA for a fix. Please keep the tone friendly.";

  /** The conversation's size in KB; the per-KB benchmark divides by it. */
  static final int CONVERSATION_KB = 24;

  private Scanner scanner;
  private ChatRequest conversation;
  private String prompt100k;
  private String prompt1m;
  private String digits1m;

  @Setup
  public void setUp() throws WireException {
    scanner = new Scanner(DetectorConfig.DEFAULTS);
    conversation = conversation(CONVERSATION_KB * 1024);
    prompt100k = realistic(new Random(100), 100 * 1024);
    prompt1m = realistic(new Random(1000), 1024 * 1024);
    digits1m = digitRuns(new Random(7), 1024 * 1024);
    check();
  }

  /** The inputs hold what they claim: findings of several types, none in the digit wall's form. */
  private void check() {
    List<MessageFindings> found = scanner.scan(conversation);
    long types =
        found.stream().flatMap(m -> m.findings().stream()).map(Finding::type).distinct().count();
    if (found.isEmpty() || types < 2) {
      throw new IllegalStateException("the conversation no longer carries findings of 2 types");
    }
  }

  /** A scanner that has read nothing yet, new for each call. */
  @State(Scope.Thread)
  public static class Fresh {
    Scanner scanner;

    @Setup(Level.Invocation)
    public void setUp() {
      scanner = new Scanner(DetectorConfig.DEFAULTS);
    }
  }

  /** The conversation seen for the first time: every part is scanned. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATION_KB)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<MessageFindings> conversationPerKb(Fresh fresh) {
    return fresh.scanner.scan(conversation);
  }

  /**
   * The conversation again, as an agent's next turn sends it: the scanner has read every part
   * before (a real turn also scans its few new parts).
   */
  @Benchmark
  @OperationsPerInvocation(CONVERSATION_KB)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<MessageFindings> conversationAgainPerKb() {
    return scanner.scan(conversation);
  }

  /**
   * The prose of bench/chat.lua's 1 KB support ticket (what bench/peers.sh sends): the scan every
   * such request pays on the hot path.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Finding> supportTicket1k() {
    return scanner.scan(SUPPORT_TICKET);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Finding> prompt100k() {
    return scanner.scan(prompt100k);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Finding> prompt1m() {
    return scanner.scan(prompt1m);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Finding> adversarialDigitRuns1m() {
    return scanner.scan(digits1m);
  }

  /** A coding agent's conversation: system prompt, turns, tool calls and their results. */
  static ChatRequest conversation(int chars) throws WireException {
    Random random = new Random(42);
    ObjectNode body = Json.object().put("model", "m");
    ArrayNode messages = body.putArray("messages");
    messages
        .addObject()
        .put("role", "system")
        .put("content", "You are a coding agent. Escalate to oncall@example.com when stuck.");
    int size = 0;
    for (int turn = 0; size < chars; turn++) {
      String result = realistic(random, 2048);
      messages.addObject().put("role", "user").put("content", "Why does the build fail? " + turn);
      ObjectNode call = messages.addObject().put("role", "assistant");
      call.putNull("content");
      ObjectNode function =
          call.putArray("tool_calls")
              .addObject()
              .put("id", "c" + turn)
              .put("type", "function")
              .putObject("function");
      function
          .put("name", "read_file")
          .put("arguments", "{\"path\": \"src/Main" + turn + ".java\"}");
      messages
          .addObject()
          .put("role", "tool")
          .put("tool_call_id", "c" + turn)
          .put("content", result);
      size += result.length() + 60;
    }
    byte[] json = Json.bytes(body);
    return WireFormats.find("openai")
        .orElseThrow()
        .parseRequest(new IngressRequest("/v1/chat/completions", Map.of(), json));
  }

  /** Code, log lines, JSON and prose, with an email or an IP now and then. */
  static String realistic(Random random, int chars) {
    StringBuilder text = new StringBuilder(chars + 512);
    while (text.length() < chars) {
      switch (random.nextInt(5)) {
        case 0 ->
            text.append(
                String.format(
                    "  public int total(List<Item> items) {%n    int sum = %d;%n"
                        + "    for (Item item : items) { sum += item.price() * %d; }%n"
                        + "    return sum; // see issue #%d%n  }%n",
                    random.nextInt(100), random.nextInt(10), random.nextInt(5000)));
        case 1 ->
            text.append(
                String.format(
                    "2025-12-05 21:%02d:%02d,%03d INFO [worker-%d] GET /api/v1/orders/%d 200 in %d ms%n",
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextInt(1000),
                    random.nextInt(16),
                    100000 + random.nextInt(900000),
                    random.nextInt(3000)));
        case 2 ->
            text.append(
                String.format(
                    "{\"id\": \"%s\", \"status\": \"ok\", \"count\": %d, \"ratio\": 0.%d,"
                        + " \"updated\": \"2025-12-05T21:00:%02d.%03dZ\"}%n",
                    new java.util.UUID(random.nextLong(), random.nextLong()),
                    random.nextInt(10000),
                    random.nextInt(1000),
                    random.nextInt(60),
                    random.nextInt(1000)));
        case 3 ->
            text.append(
                "The failing test expects the cache to be warm before the first request; the fix "
                    + "is to start the loader in the constructor and await it in ready().\n");
        default ->
            text.append(
                random.nextBoolean()
                    ? "Contact dev" + random.nextInt(100) + "@example.com for access.\n"
                    : "Connection from 10."
                        + random.nextInt(256)
                        + ".0."
                        + (1 + random.nextInt(254))
                        + " refused.\n");
      }
    }
    return text.toString();
  }

  /** Random digits with a space now and then: the worst case for phone-number finding. */
  static String digitRuns(Random random, int chars) {
    StringBuilder text = new StringBuilder(chars + 1);
    while (text.length() < chars) {
      text.append((char) ('0' + random.nextInt(10)));
      if (random.nextInt(3) == 0) {
        text.append(' ');
      }
    }
    return text.toString();
  }
}
