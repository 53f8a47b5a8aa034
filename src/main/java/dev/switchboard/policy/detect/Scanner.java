package dev.switchboard.policy.detect;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All detectors, built once from a {@link DetectorConfig} and safe to share between threads. It
 * scans a text, or every text a chat request carries, and reports typed spans, never the text.
 */
public final class Scanner {
  private final List<Detector> detectors;

  public Scanner(DetectorConfig config) {
    List<Detector> all = new ArrayList<>();
    all.add(SecretDetector::find);
    all.add(NumberDetectors::cards);
    all.add(IbanDetector::find);
    all.add(NumberDetectors::ssns);
    all.add(NetworkDetectors::emails);
    all.add(NetworkDetectors::ipv4);
    all.add(NetworkDetectors::ipv6);
    all.add(new PhoneDetector(config.phoneRegions()));
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
    List<Finding> raw = new ArrayList<>();
    for (Detector detector : detectors) {
      detector.find(text, raw);
    }
    return Overlaps.resolve(raw);
  }

  /**
   * The findings in every text part of {@code request}, every turn: the system prompt (message
   * index {@link MessageFindings#SYSTEM}), then each message's text, thinking, tool-call arguments
   * and tool results; parts without findings are left out.
   */
  public List<MessageFindings> scan(ChatRequest request) {
    List<MessageFindings> found = new ArrayList<>();
    scanParts(MessageFindings.SYSTEM, request.system(), found);
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      scanParts(i, messages.get(i).parts(), found);
    }
    return List.copyOf(found);
  }

  private void scanParts(int messageIndex, List<Part> parts, List<MessageFindings> found) {
    for (int p = 0; p < parts.size(); p++) {
      Optional<String> text = textOf(parts.get(p));
      if (text.isPresent()) {
        List<Finding> findings = scan(text.get());
        if (!findings.isEmpty()) {
          found.add(new MessageFindings(messageIndex, p, findings));
        }
      }
    }
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
