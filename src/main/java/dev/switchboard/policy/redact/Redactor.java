package dev.switchboard.policy.redact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replaces what the detectors found with typed placeholders, {@code <TYPE_n>}: {@code <EMAIL_1>},
 * {@code <CUSTOM_EMPLOYEE_ID_2>} for {@code CUSTOM:employee-id}. Numbers count per type from 1 in
 * order of first occurrence (system prompt, then the messages in order); one value has one
 * placeholder everywhere, and every occurrence of it in the request's text is replaced, so a
 * conversation replayed next turn gets the same numbering. Both the canonical parts and the
 * client's original body are rewritten, so neither a same-format nor a translated upstream body
 * carries an original value.
 *
 * <p>Only text changes. What is never rewritten, even when a finding points into it: thinking
 * blocks (their signature covers the text; the provider refuses an altered one), redacted thinking,
 * tool definitions (findings with a message index below -1), names of tool-call arguments, media,
 * documents, opaque blocks and every field the gateway does not know. Text in those reaches the
 * upstream as the client sent it.
 */
public final class Redactor {
  private Redactor() {}

  /**
   * The request with each finding replaced; the request itself and an empty restorer when nothing
   * is to be replaced.
   *
   * @throws IllegalArgumentException when a finding does not fit this request (fail closed)
   */
  public static Redaction redact(ChatRequest request, List<MessageFindings> findings) {
    Map<RequestRewriter.PartRef, List<Finding>> byPart = byPart(findings);
    if (byPart.isEmpty()) {
      return new Redaction(request, Restorer.none(), 0);
    }
    Vault vault = new Vault(literals(request));
    Map<RequestRewriter.PartRef, PartCuts> cuts = new HashMap<>();
    for (Map.Entry<RequestRewriter.PartRef, List<Finding>> entry : byPart.entrySet()) {
      Part part = partAt(request, entry.getKey());
      cuts.put(entry.getKey(), PartCuts.of(part, entry.getValue(), vault));
    }
    if (vault.isEmpty()) {
      return new Redaction(request, Restorer.none(), 0);
    }
    RequestRewriter rewriter = new RequestRewriter(vault, cuts);
    List<Part> system = rewriter.parts(MessageFindings.SYSTEM, request.system());
    List<Message> messages = rewriter.messages(request.messages());
    ChatRequest.Source source = request.source();
    ObjectNode body = new SourceRewriter(rewriter).rewrite(source.format(), source.body());
    ChatRequest redacted =
        new ChatRequest(
            request.model(),
            system,
            messages,
            request.tools(),
            request.controls(),
            request.hints(),
            request.stream(),
            new ChatRequest.Source(source.format(), body, source.headers(), source.untranslated()));
    return new Redaction(redacted, new Restorer(vault.originals()), rewriter.replaced());
  }

  /** The findings per part, in request order; tool definitions (index below -1) left out. */
  private static Map<RequestRewriter.PartRef, List<Finding>> byPart(
      List<MessageFindings> findings) {
    Map<RequestRewriter.PartRef, List<Finding>> byPart =
        new TreeMap<>(
            Comparator.comparingInt(RequestRewriter.PartRef::message)
                .thenComparingInt(RequestRewriter.PartRef::part));
    for (MessageFindings found : findings) {
      if (found.messageIndex() < MessageFindings.SYSTEM || found.findings().isEmpty()) {
        continue; // tool schemas must stay byte-identical
      }
      byPart
          .computeIfAbsent(
              new RequestRewriter.PartRef(found.messageIndex(), found.partIndex()),
              ref -> new ArrayList<>())
          .addAll(found.findings());
    }
    return byPart;
  }

  private static Part partAt(ChatRequest request, RequestRewriter.PartRef ref) {
    List<Part> parts;
    if (ref.message() == MessageFindings.SYSTEM) {
      parts = request.system();
    } else if (ref.message() < request.messages().size()) {
      parts = request.messages().get(ref.message()).parts();
    } else {
      throw new IllegalArgumentException("no message " + ref.message() + " in this request");
    }
    if (ref.part() < 0 || ref.part() >= parts.size()) {
      throw new IllegalArgumentException(
          "no part " + ref.part() + " in message " + ref.message() + " of this request");
    }
    return parts.get(ref.part());
  }

  /**
   * Placeholder-shaped tokens the client wrote itself: never given to a finding. Thinking is left
   * out: a replayed thinking block holds the placeholders of earlier turns (reasoning is never
   * restored), and those must keep their numbers.
   */
  private static Set<String> literals(ChatRequest request) {
    Set<String> literals = new HashSet<>();
    List<Part> all = new ArrayList<>(request.system());
    request.messages().forEach(message -> all.addAll(message.parts()));
    for (Part part : all) {
      if (!(part instanceof Part.Thinking)) {
        Scanner.textOf(part).ifPresent(text -> Placeholders.collectLiterals(text, literals));
      }
    }
    return literals;
  }
}
