package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes canonical controls as generationConfig and toolConfig; notes what Gemini cannot say. */
final class GeminiControlsWriter {
  private static final Pattern GENERATION = Pattern.compile("gemini-(\\d+)");

  private final Set<String> dropped;

  GeminiControlsWriter(Set<String> dropped) {
    this.dropped = dropped;
  }

  void write(Controls controls, String upstreamModel, ObjectNode body) {
    ObjectNode config = body.putObject("generationConfig");
    controls.maxOutputTokens().ifPresent(max -> config.put("maxOutputTokens", max));
    controls.temperature().ifPresent(value -> config.put("temperature", value));
    controls.topP().ifPresent(value -> config.put("topP", value));
    controls.topK().ifPresent(value -> config.put("topK", value));
    if (!controls.stop().isEmpty()) {
      controls.stop().forEach(config.withArray("stopSequences")::add);
    }
    controls.seed().ifPresent(value -> config.put("seed", value));
    responseFormat(controls.responseFormat(), config);
    controls.reasoning().ifPresent(reasoning -> thinking(reasoning, upstreamModel, config));
    toolChoice(controls.toolChoice(), body);
    if (controls.parallelToolCalls().isPresent() && !controls.parallelToolCalls().get()) {
      // Gemini has no switch for it; the client still receives every call it makes.
      dropped.add("parallel_tool_calls");
    }
    if (controls.user().isPresent()) {
      dropped.add("user");
    }
    if (!controls.metadata().isEmpty()) {
      dropped.add("metadata");
    }
    if (config.isEmpty()) {
      body.remove("generationConfig");
    }
  }

  private static void responseFormat(ResponseFormat format, ObjectNode config) {
    switch (format.kind()) {
      case TEXT -> {
        // The default.
      }
      case JSON_OBJECT -> config.put("responseMimeType", "application/json");
      case JSON_SCHEMA -> {
        config.put("responseMimeType", "application/json");
        // responseJsonSchema takes JSON Schema as written; responseSchema only an OpenAPI subset.
        format.schema().ifPresent(schema -> config.set("responseJsonSchema", schema));
      }
    }
  }

  /**
   * Gemini 3 takes a thinking level and cannot switch thinking off (its lowest level stands in);
   * Gemini 2.5 takes a token budget (0 = off, -1 = the model decides). A budget is sent as a budget
   * to both; thoughts are asked for whenever thinking is on, so they stream back.
   */
  private static void thinking(Reasoning reasoning, String upstreamModel, ObjectNode config) {
    ObjectNode thinking = config.putObject("thinkingConfig");
    boolean levels = generation(upstreamModel) >= 3;
    if (!reasoning.enabled()) {
      if (levels) {
        thinking.put("thinkingLevel", upstreamModel.contains("flash") ? "minimal" : "low");
      } else {
        thinking.put("thinkingBudget", 0);
      }
      return;
    }
    thinking.put("includeThoughts", true);
    if (reasoning.budgetTokens().isPresent()) {
      thinking.put("thinkingBudget", reasoning.budgetTokens().getAsLong());
    } else if (reasoning.effort().isPresent()) {
      String effort = reasoning.effort().get().toLowerCase(Locale.ROOT);
      if (levels) {
        thinking.put("thinkingLevel", level(effort));
      } else {
        thinking.put("thinkingBudget", budget(effort));
      }
    } else if (!levels) {
      thinking.put("thinkingBudget", -1);
    }
  }

  private static String level(String effort) {
    return switch (effort) {
      case "minimal", "low", "medium" -> effort;
      default -> "high";
    };
  }

  /** Effort as a 2.5 budget: within every 2.5 model's range (Flash's ceiling is 24576). */
  private static long budget(String effort) {
    return switch (effort) {
      case "minimal" -> 512;
      case "low" -> 1024;
      case "medium" -> 8192;
      default -> 24576;
    };
  }

  /** The major version in "gemini-3-pro-preview", "gemini-2.5-flash"; 0 when none is named. */
  static int generation(String model) {
    Matcher matcher = GENERATION.matcher(model);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  private static void toolChoice(ToolChoice choice, ObjectNode body) {
    if (choice.mode() == ToolChoice.Mode.AUTO) {
      return;
    }
    ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
    switch (choice.mode()) {
      case NONE -> config.put("mode", "NONE");
      case REQUIRED -> config.put("mode", "ANY");
      case NAMED -> {
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(choice.name().orElse(""));
      }
      case AUTO -> config.put("mode", "AUTO");
    }
  }
}
