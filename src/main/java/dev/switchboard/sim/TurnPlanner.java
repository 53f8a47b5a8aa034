package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a turn the way a plausible model would, so agent loops end: with {@code tool_choice}
 * auto, call the tool the last user message asks for (see {@link ToolMatcher}), but never right
 * after a tool result, which is answered in text; {@code required} calls the best-matching tool
 * (else the first), a named choice calls that function, {@code none} never calls. An answer that is
 * not a call follows {@code response_format}: JSON for json_schema, and for json_object JSON
 * following a schema found in the prompt, if any.
 */
final class TurnPlanner {
  private static final Pattern HARNESS_NOTES =
      Pattern.compile("<(system-reminder|task-notification)>.*?</\\1>", Pattern.DOTALL);

  /** What makes the simulated model repeat the rest of the user's message. */
  static final String ECHO = "Repeat after me:";

  private TurnPlanner() {}

  static Turn plan(SimRequest request) {
    Optional<JsonNode> last = lastWithRole(request.messages(), "user");
    String asked = last.map(m -> withoutHarnessNotes(text(m))).orElse("");
    int echo = asked.indexOf(ECHO);
    if (echo >= 0) {
      return new Turn.Echo(asked.substring(echo + ECHO.length()).strip());
    }
    Optional<JsonNode> call = toolToCall(request);
    if (call.isPresent()) {
      return new Turn.Call(call.get());
    }
    return switch (request.format()) {
      case OutputFormat.JsonSchema json -> new Turn.Structured(json.schema());
      case OutputFormat.JsonObject _ ->
          new Turn.Structured(
              PromptSchema.find(request.messages()).orElseGet(TurnPlanner::anyAnswer));
      case OutputFormat.Text _ -> new Turn.Reply(toolResult(request.messages()));
    };
  }

  private static Optional<JsonNode> toolToCall(SimRequest request) {
    List<JsonNode> functions = request.functions();
    if (functions.isEmpty()) {
      return Optional.empty();
    }
    String asked =
        withoutHarnessNotes(text(lastWithRole(request.messages(), "user").orElse(Json.object())));
    return switch (request.toolChoice()) {
      case ToolChoice.None _ -> Optional.empty();
      case ToolChoice.Named named ->
          functions.stream().filter(f -> f.path("name").asText().equals(named.name())).findFirst();
      case ToolChoice.Required _ ->
          ToolMatcher.match(functions, asked).or(() -> Optional.of(functions.getFirst()));
      case ToolChoice.Auto _ ->
          endsWithToolResult(request.messages())
              ? Optional.empty()
              : ToolMatcher.match(functions, asked);
    };
  }

  private static boolean endsWithToolResult(List<JsonNode> messages) {
    String role = messages.getLast().path("role").asText();
    return role.equals("tool") || role.equals("function");
  }

  /** The tool result the conversation ends with, named after the call it answers. */
  private static Optional<Turn.ToolResult> toolResult(List<JsonNode> messages) {
    if (!endsWithToolResult(messages)) {
      return Optional.empty();
    }
    JsonNode result = messages.getLast();
    String id = result.path("tool_call_id").asText("");
    String name = result.path("name").asText("the tool");
    for (JsonNode message : messages) {
      for (JsonNode call : message.path("tool_calls")) {
        if (!id.isEmpty() && id.equals(call.path("id").asText())) {
          name = call.path("function").path("name").asText(name);
        }
      }
    }
    boolean failed = result.path("is_error").asBoolean(false);
    return Optional.of(new Turn.ToolResult(name, text(result), failed));
  }

  private static Optional<JsonNode> lastWithRole(List<JsonNode> messages, String role) {
    for (JsonNode message : messages.reversed()) {
      if (role.equals(message.path("role").asText())) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }

  /**
   * What the user asked, without the notes an agent harness adds to the user's turn (Claude Code's
   * system reminders and task notifications): a model does not call a tool because of them, and a
   * sim that did would loop a harness whose notes come back every turn.
   */
  static String withoutHarnessNotes(String text) {
    return HARNESS_NOTES.matcher(text).replaceAll(" ");
  }

  /** A message's text: the string content, or its text parts joined. */
  static String text(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        text.append(part.path("text").asText()).append('\n');
      }
    }
    return text.toString();
  }

  /** With json_object and no schema in sight: an object with one string answer. */
  private static JsonNode anyAnswer() {
    var schema = Json.object().put("type", "object");
    schema.putObject("properties").putObject("answer").put("type", "string");
    schema.putArray("required").add("answer");
    return schema;
  }
}
