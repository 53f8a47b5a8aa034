package dev.switchboard.policy.detect;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All detectors, built once from a {@link DetectorConfig} and safe to share between threads. It
 * scans a text, or every text a chat request carries, and reports typed spans, never the text. A
 * request's texts already scanned (an agent's earlier turns) are answered from a {@link ScanCache}.
 */
public final class Scanner {
  private final List<Detector> detectors;
  private final ScanCache cache = new ScanCache();

  /** Those that find nothing in a text without an ASCII digit: most prose skips them. */
  private final List<Detector> digitDetectors;

  public Scanner(DetectorConfig config) {
    List<Detector> all = new ArrayList<>();
    all.add(SecretDetector::find);
    all.add(NetworkDetectors::emails);
    all.add(NetworkDetectors::ipv6); // "abcd::ef" is an address without a digit
    // Cards, IBANs, SSNs, IPv4 addresses and phone numbers all hold digits.
    this.digitDetectors =
        List.of(
            NumberDetectors::cards,
            IbanDetector::find,
            NumberDetectors::ssns,
            NetworkDetectors::ipv4,
            new PhoneDetector(config.phoneRegions()));
    for (Map.Entry<String, String> pattern : config.patterns().entrySet()) {
      all.add(CustomDetector.pattern(pattern.getKey(), pattern.getValue()));
    }
    for (Map.Entry<String, List<String>> list : config.keywords().entrySet()) {
      all.add(CustomDetector.keywords(list.getKey(), list.getValue()));
    }
    this.detectors = List.copyOf(all);
  }

  /** The findings in {@code text}, sorted by start, overlaps resolved (see {@link Overlaps}). */
  public List<Finding> scan(String text) {
    return scan(text, Deadline.none(text.length()));
  }

  private List<Finding> scan(String text, Deadline deadline) {
    List<Finding> raw = new ArrayList<>();
    for (Detector detector : detectors) {
      deadline.check();
      detector.find(text, raw, deadline);
    }
    if (hasDigit(text)) {
      for (Detector detector : digitDetectors) {
        deadline.check();
        detector.find(text, raw, deadline);
      }
    }
    return raw.isEmpty() ? List.of() : Overlaps.resolve(raw);
  }

  /**
   * The findings in every text of {@code request}, every turn: the system prompt (message index
   * {@link MessageFindings#SYSTEM}), then each message's text, thinking, tool-call arguments and
   * tool results, then each tool definition's description (message index {@link
   * MessageFindings#TOOLS}, part index the tool's); parts without findings are left out.
   */
  public List<MessageFindings> scan(ChatRequest request) {
    return scan(request, Deadline.none(totalChars(request)), "");
  }

  /**
   * Like {@link #scan(ChatRequest)}, but throws {@link ScanTimeout} once {@link System#nanoTime()}
   * passes {@code deadlineNanos}: checked before each part and each detector, and inside the slow
   * detectors at least every 64K characters, so a timeout comes within a few milliseconds of the
   * deadline. A request the scan could not finish must be treated as the highest data class.
   */
  public List<MessageFindings> scan(ChatRequest request, long deadlineNanos) {
    return scan(request, deadlineNanos, "");
  }

  /**
   * As {@link #scan(ChatRequest, long)}, answering from the texts scanned before in the same {@code
   * scope} only (the API key's id): how fast a request is scanned must not tell one key whether
   * another sent a text.
   */
  public List<MessageFindings> scan(ChatRequest request, long deadlineNanos, String scope) {
    return scan(request, Deadline.at(deadlineNanos, totalChars(request)), scope);
  }

  private List<MessageFindings> scan(ChatRequest request, Deadline deadline, String scope) {
    Texts texts = new Texts(deadline, scope, new ArrayList<>());
    texts.parts(MessageFindings.SYSTEM, request.system());
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      texts.parts(i, messages.get(i).parts());
    }
    List<ToolSpec> tools = request.tools();
    for (int t = 0; t < tools.size(); t++) {
      Optional<String> description = tools.get(t).description();
      if (description.isPresent()) {
        texts.scan(MessageFindings.TOOLS, t, description.get());
      }
    }
    return List.copyOf(texts.found);
  }

  /** One request's scan: its deadline, its cache scope and what it found so far. */
  private final class Texts {
    final Deadline deadline;
    final String scope;
    final List<MessageFindings> found;

    Texts(Deadline deadline, String scope, List<MessageFindings> found) {
      this.deadline = deadline;
      this.scope = scope;
      this.found = found;
    }

    void parts(int messageIndex, List<Part> parts) {
      for (int p = 0; p < parts.size(); p++) {
        Optional<String> text = textOf(parts.get(p));
        if (text.isPresent()) {
          scan(messageIndex, p, text.get());
        }
      }
    }

    void scan(int messageIndex, int partIndex, String text) {
      ScanCache.Key key = cache.keyOf(scope, text);
      List<Finding> findings = key == null ? null : cache.kept(key);
      if (findings == null) {
        findings = Scanner.this.scan(text, deadline); // throws when out of time: nothing kept
        cache.keep(key, findings);
      }
      deadline.scanned(text.length());
      if (!findings.isEmpty()) {
        found.add(new MessageFindings(messageIndex, partIndex, findings));
      }
    }
  }

  /** The texts of requests answered from the cache so far (for tests). */
  long cachedTexts() {
    return cache.hits();
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Chars.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static long totalChars(ChatRequest request) {
    long total = 0;
    for (Part part : request.system()) {
      total += textOf(part).map(String::length).orElse(0);
    }
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        total += textOf(part).map(String::length).orElse(0);
      }
    }
    for (ToolSpec tool : request.tools()) {
      total += tool.description().map(String::length).orElse(0);
    }
    return total;
  }

  /**
   * The text of a part that finding offsets refer to: a text or thinking part's text, a tool call's
   * arguments (the JSON text as generated), a tool result's text parts joined; empty for media,
   * encrypted reasoning and opaque blocks.
   */
  public static Optional<String> textOf(Part part) {
    return switch (part) {
      case Part.Text t -> Optional.of(t.text());
      case Part.Thinking t -> Optional.of(t.text());
      case Part.ToolUse t -> Optional.of(t.arguments());
      case Part.ToolResult t -> Optional.of(t.text());
      case Part.Image i -> Optional.empty();
      case Part.Document d -> Optional.empty();
      case Part.RedactedThinking r -> Optional.empty();
      case Part.Opaque o -> Optional.empty();
    };
  }
}
