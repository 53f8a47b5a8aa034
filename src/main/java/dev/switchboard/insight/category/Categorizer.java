package dev.switchboard.insight.category;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies a request by rules over its last user message (its first {@value #READ} characters),
 * its system prompt and whether it offers tools: checked in a fixed order, the first that matches
 * wins, {@link Category#CHAT} when none does. Microseconds per request, no model. Thread-safe.
 */
public final class Categorizer {
  static final int READ = 4_000;

  private static final WordAlternatives TRANSLATION =
      words(
          "translat\\w*|traduc\\w*|tradu\\w*|übersetz\\w*|into (english|french|spanish|german"
              + "|chinese|japanese|korean|italian|portuguese|russian|arabic|hindi|dutch)"
              + "|in (french|spanish|german|chinese|japanese|korean|italian|portuguese|russian)\\?");
  private static final Pattern CODE_FENCE =
      Pattern.compile("```|^\\s{4}\\S.*[;{}]\\s*$", Pattern.MULTILINE);
  private static final WordAlternatives CODE =
      words(
          "code|coding|program|programs|function|functions|method|class|bug|debug|compile\\w*"
              + "|refactor\\w*|python|javascript|typescript|java|c\\+\\+|c#|golang|rust|sql|html"
              + "|css|regex|api|json schema|stack trace|traceback|exception|segfault|unit tests?"
              + "|repository|repo|git|commit|pull request|endpoint|algorithm|implement\\w*"
              + "|script|npm|maven|docker|kubernetes|linter|array|arrays|binary tree|recursion"
              + "|o\\(n\\)|complexity|\\w+\\.(py|js|ts|java|go|rs|cpp|c|rb|kt|cs|sh|yaml|toml)");
  private static final WordAlternatives CODING_AGENT =
      words(
          "claude code|codex|coding agent|software engineer\\w*|coding assistant|cline|cursor"
              + "|interactive cli tool|code editor|pair programm\\w*");
  private static final WordAlternatives SUMMARY =
      words("summari[sz]\\w*|summary|tl;?dr|key (points|takeaways)|condense|in a nutshell");
  private static final WordAlternatives ROLEPLAY =
      words(
          "act as|pretend (to be|you are|yourself)|role ?-?play\\w*|in character|embody|persona"
              + "|assume the role|take on the role|embrace the role|imagine (you are|yourself as)"
              + "|you are now|speak like|picture yourself|now you are|suppose you are");
  private static final WordAlternatives CREATIVE =
      words(
          "poem|poems|poetry|haiku|limerick|sonnet|story|stories|lyrics|song|novel|fiction\\w*"
              + "|blog post|essay|slogan|headline|tagline|screenplay|script for|email|letter"
              + "|write a (short|creative|captivating|persuasive|descriptive)|compose|craft"
              + "|rewrite|rephrase|paragraph|character|marketing copy|advertisement");
  private static final Pattern MATH =
      Pattern.compile(
          "\\b(solve|equation|integral|derivative|probability|calculate|compute|how many|"
              + "remainder|inequality|area of|perimeter|prime|factorial|percent(age)?|"
              + "theorem|prove that|matrix|polynomial|f\\(x\\))\\b|\\d+\\s*[-+*/^=<>]\\s*\\d+"
              + "|\\b[xyz]\\s*[-+*/^=]",
          Pattern.CASE_INSENSITIVE);
  private static final WordAlternatives ANALYSIS =
      words(
          "analy[sz]\\w*|extract\\w*|identify|classify|categori[sz]e|evaluate|compare|contrast"
              + "|pros and cons|which (word|one)|relationship between|based on (the|these)"
              + "|the following (data|records|reviews|text|passage|paragraph|statements)"
              + "|given (the|these) (following|data|records)|true, false|riddle|puzzle|deduce"
              + "|reasons?|count how many|json format|in json|table");
  private static final WordAlternatives KNOWLEDGE =
      words(
          "what is|what are|what's|explain|describe|how (does|do|did|have)|why (does|do|did|is)"
              + "|who (was|is)|history|physics|chemistry|biology|economics?|philosoph\\w*|theory"
              + "|concept|process|principles?|discuss|define|definition|science|scientific");

  private Categorizer() {}

  /** The category of {@code request}. */
  public static Category of(ChatRequest request) {
    String system = clip(Message.textOf(request.system()));
    return of(
        lastUserText(request.messages()), system, !request.tools().isEmpty(), usedTools(request));
  }

  /**
   * The category of a prompt: {@code text} the last user message, {@code system} the system prompt,
   * {@code tools} whether tools are offered, {@code toolResults} whether the conversation already
   * ran one.
   */
  public static Category of(String text, String system, boolean tools, boolean toolResults) {
    WordAlternatives.Text prompt = new WordAlternatives.Text(clip(text).toLowerCase(Locale.ROOT));
    WordAlternatives.Text instructions =
        new WordAlternatives.Text(clip(system).toLowerCase(Locale.ROOT));
    if (CODE_FENCE.matcher(text).find()
        || CODE.count(prompt) >= 2
        || (tools || toolResults) && CODING_AGENT.find(instructions)) {
      return Category.PROGRAMMING;
    }
    if (TRANSLATION.find(prompt)) {
      return Category.TRANSLATION;
    }
    if (tools && toolResults) {
      return Category.AGENTIC;
    }
    if (SUMMARY.find(prompt)) {
      return Category.SUMMARIZATION;
    }
    if (ROLEPLAY.find(prompt) || ROLEPLAY.find(instructions)) {
      return Category.ROLEPLAY;
    }
    if (CODE.count(prompt) >= 1 && !CREATIVE.find(prompt)) {
      return Category.PROGRAMMING;
    }
    if (tools) {
      return Category.AGENTIC;
    }
    if (MATH.matcher(prompt.value).find()) {
      return Category.MATH;
    }
    if (CREATIVE.find(prompt)) {
      return Category.CREATIVE;
    }
    if (ANALYSIS.find(prompt)) {
      return Category.ANALYSIS;
    }
    if (KNOWLEDGE.find(prompt)) {
      return Category.KNOWLEDGE;
    }
    return Category.CHAT;
  }

  private static WordAlternatives words(String alternatives) {
    return new WordAlternatives(alternatives);
  }

  private static String clip(String text) {
    return text.length() > READ ? text.substring(0, READ) : text;
  }

  private static String lastUserText(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message message = messages.get(i);
      if (message.role() == Role.USER) {
        String text = textOnly(message.parts());
        if (!text.isBlank()) {
          return text;
        }
      }
    }
    return "";
  }

  // The user's words, not the tool results an agent loop sends back as user messages.
  private static String textOnly(List<Part> parts) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Part.Text t) {
        text.append(t.text()).append('\n');
        if (text.length() > READ) {
          break;
        }
      }
    }
    return text.toString();
  }

  private static boolean usedTools(ChatRequest request) {
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        if (part instanceof Part.ToolResult || part instanceof Part.ToolUse) {
          return true;
        }
      }
    }
    return false;
  }
}
