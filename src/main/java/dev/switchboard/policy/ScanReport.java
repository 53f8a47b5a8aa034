package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code POST /api/v1/policy/scan} and {@code switchboard policy scan}: the class,
 * the rule, the action, the findings as typed offsets (never the matched text) and the deployments
 * the request could be sent to, without calling any. Message indexes are the client's: for an
 * OpenAI body they count its leading system messages; the system prompt of an Anthropic body is
 * {@code -1}, tool definitions are {@code -2} and the other body fields (passed on unread) {@code
 * -3}.
 */
public final class ScanReport {
  private ScanReport() {}

  /**
   * The report of {@code request} under {@code decision}: where {@code planner} would send it
   * within its class's rule, or why nowhere.
   */
  public static ObjectNode explain(
      ChatRequest request, PolicyDecision decision, RoutePlanner planner) {
    try {
      return of(request, decision, planner.plan(request, decision.filter()), Optional.empty());
    } catch (GatewayError e) {
      return of(request, decision, List.of(), Optional.of(e.getMessage()));
    }
  }

  /**
   * {@code eligible}: the routes in the order they would be tried, or the reason none is ({@code
   * none}), which the report shows as {@code "no_endpoints"}.
   */
  public static ObjectNode of(
      ChatRequest request, PolicyDecision decision, List<Route> eligible, Optional<String> none) {
    ObjectNode out = Json.object();
    out.put("data_class", decision.dataClass().wireName());
    out.put("rule", decision.rule().name());
    out.put("action", decision.action().wireName());
    out.put("raised_by", decision.raisedBy());
    out.put("scan_complete", decision.scanComplete());
    ArrayNode findings = out.putArray("findings");
    List<int[]> systemParts = systemParts(request);
    int leadingSystem = systemParts.isEmpty() ? 0 : systemParts.getLast()[0] + 1;
    for (MessageFindings part : decision.findings()) {
      int[] where = clientIndex(part, systemParts, leadingSystem);
      for (Finding finding : part.findings()) {
        ObjectNode f = findings.addObject();
        f.put("type", finding.type().name());
        f.put("message_index", where[0]);
        f.put("part_index", where[1]);
        f.put("start", finding.start());
        f.put("end", finding.end());
      }
    }
    ArrayNode routes = out.putArray("eligible_deployments");
    for (Route route : eligible) {
      ObjectNode r = routes.addObject();
      r.put("model", route.deployment().modelId());
      r.put("provider", route.provider().id());
      r.put("provider_name", route.provider().name());
      r.put("jurisdiction", route.provider().jurisdiction());
    }
    none.ifPresent(reason -> out.put("no_endpoints", reason));
    return out;
  }

  /**
   * The format a body is most likely written in: Anthropic's when it has a top-level {@code system}
   * or a content block only Anthropic has, else OpenAI's.
   */
  public static String guessFormat(byte[] body) {
    JsonNode root;
    try {
      root = Json.tree(body);
    } catch (WireException e) {
      return "openai"; // its parser says what is wrong
    }
    if (root.has("system") || root.has("anthropic_version")) {
      return "anthropic";
    }
    for (JsonNode message : root.path("messages")) {
      for (JsonNode block : message.path("content")) {
        String type = block.path("type").asText();
        if (type.equals("tool_use") || type.equals("tool_result") || type.equals("thinking")) {
          return "anthropic";
        }
      }
    }
    return "openai";
  }

  /**
   * Message and part index in the body the client wrote. An OpenAI body's leading system (or
   * developer) messages are the canonical system prompt, their parts in order, so they count ahead
   * of the rest; an Anthropic body's system prompt is {@code -1}.
   */
  private static int[] clientIndex(
      MessageFindings part, List<int[]> systemParts, int leadingSystem) {
    int message = part.messageIndex();
    if (message == MessageFindings.SYSTEM) {
      return part.partIndex() < systemParts.size()
          ? systemParts.get(part.partIndex())
          : new int[] {-1, part.partIndex()};
    }
    return new int[] {message < 0 ? message : message + leadingSystem, part.partIndex()};
  }

  /**
   * For each canonical system part of an OpenAI body, the leading message it came from and its
   * index there: a string content is one part, an array one part per element.
   */
  private static List<int[]> systemParts(ChatRequest request) {
    List<int[]> parts = new ArrayList<>();
    if (!request.source().format().equals("openai")) {
      return parts;
    }
    int index = 0;
    for (JsonNode message : request.source().body().path("messages")) {
      String role = message.path("role").asText();
      if (!role.equals("system") && !role.equals("developer")) {
        break;
      }
      JsonNode content = message.path("content");
      int count = content.isArray() ? content.size() : 1;
      for (int p = 0; p < count; p++) {
        parts.add(new int[] {index, p});
      }
      index++;
    }
    return parts;
  }
}
