package dev.switchboard.insight.category;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a request by rules over its last user message (its first {@value #READ} characters),
 * its system prompt and whether it offers tools: checked in a fixed order, the first that matches
 * wins, {@link Category#CHAT} when none does. Microseconds per request, no model. Thread-safe.
 */
public final class Categorizer {
  static final int READ = 4_000;

  private static final String TRANSLATION =
      "translat\\w*|traduc\\w*|tradu\\w*|übersetz\\w*|into (english|french|spanish|german"
          + "|chinese|japanese|korean|italian|portuguese|russian|arabic|hindi|dutch)"
          + "|in (french|spanish|german|chinese|japanese|korean|italian|portuguese|russian)\\?";
  private static final String CODE =
      "code|coding|program|programs|function|functions|method|class|bug|debug|compile\\w*"
          + "|refactor\\w*|python|javascript|typescript|java|c\\+\\+|c#|golang|rust|sql|html"
          + "|css|regex|api|json schema|stack trace|traceback|exception|segfault|unit tests?"
          + "|repository|repo|git|commit|pull request|endpoint|algorithm|implement\\w*"
          + "|script|npm|maven|docker|kubernetes|linter|array|arrays|binary tree|recursion"
          + "|o\\(n\\)|complexity|\\w+\\.(py|js|ts|java|go|rs|cpp|c|rb|kt|cs|sh|yaml|toml)";
  private static final String CODING_AGENT =
      "claude code|codex|coding agent|software engineer\\w*|coding assistant|cline|cursor"
          + "|interactive cli tool|code editor|pair programm\\w*";
  private static final String SUMMARY =
      "summari[sz]\\w*|summary|tl;?dr|key (points|takeaways)|condense|in a nutshell";
  private static final String ROLEPLAY =
      "act as|pretend (to be|you are|yourself)|role ?-?play\\w*|in character|embody|persona"
          + "|assume the role|take on the role|embrace the role|imagine (you are|yourself as)"
          + "|you are now|speak like|picture yourself|now you are|suppose you are";
  private static final String CREATIVE =
      "poem|poems|poetry|haiku|limerick|sonnet|story|stories|lyrics|song|novel|fiction\\w*"
          + "|blog post|essay|slogan|headline|tagline|screenplay|script for|email|letter"
          + "|write a (short|creative|captivating|persuasive|descriptive)|compose|craft"
          + "|rewrite|rephrase|paragraph|character|marketing copy|advertisement";
  // The words of MATH; its notation (2 + 3, x =) is Notation.arithmetic.
  private static final String MATH =
      "solve|equation|integral|derivative|probability|calculate|compute|how many"
          + "|remainder|inequality|area of|perimeter|prime|factorial|percent(age)?"
          + "|theorem|prove that|matrix|polynomial|f\\(x\\)";
  private static final String ANALYSIS =
      "analy[sz]\\w*|extract\\w*|identify|classify|categori[sz]e|evaluate|compare|contrast"
          + "|pros and cons|which (word|one)|relationship between|based on (the|these)"
          + "|the following (data|records|reviews|text|passage|paragraph|statements)"
          + "|given (the|these) (following|data|records)|true, false|riddle|puzzle|deduce"
          + "|reasons?|count how many|json format|in json|table";
  private static final String KNOWLEDGE =
      "what is|what are|what's|explain|describe|how (does|do|did|have)|why (does|do|did|is)"
          + "|who (was|is)|history|physics|chemistry|biology|economics?|philosoph\\w*|theory"
          + "|concept|process|principles?|discuss|define|definition|science|scientific";

  // The rules over the prompt, in this order (indexes below), and those over the system prompt.
  private static final WordRules PROMPT_RULES =
      new WordRules(TRANSLATION, CODE, SUMMARY, ROLEPLAY, CREATIVE, MATH, ANALYSIS, KNOWLEDGE);
  private static final int P_TRANSLATION = 0;
  private static final int P_CODE = 1;
  private static final int P_SUMMARY = 2;
  private static final int P_ROLEPLAY = 3;
  private static final int P_CREATIVE = 4;
  private static final int P_MATH = 5;
  private static final int P_ANALYSIS = 6;
  private static final int P_KNOWLEDGE = 7;
  private static final WordRules SYSTEM_RULES = new WordRules(CODING_AGENT, ROLEPLAY);
  private static final int S_CODING_AGENT = 0;
  private static final int S_ROLEPLAY = 1;

  private Categorizer() {}

  /** The category of {@code request}. */
  public static Category of(ChatRequest request) {
    // The system prompt (an agent's runs to tens of KB) is read only if a rule asks, and only as
    // far as the rules read.
    return classify(
        lastUserText(request.messages()),
        () -> clippedText(request.system()),
        !request.tools().isEmpty(),
        usedTools(request));
  }

  /**
   * The category of a prompt: {@code text} the last user message, {@code system} the system prompt,
   * {@code tools} whether tools are offered, {@code toolResults} whether the conversation already
   * ran one.
   */
  public static Category of(String text, String system, boolean tools, boolean toolResults) {
    return classify(text, () -> system, tools, toolResults);
  }

  private static Category classify(
      String text, Supplier<String> system, boolean tools, boolean toolResults) {
    String clipped = clip(text);
    if (Notation.codeBlock(clipped)) {
      return Category.PROGRAMMING;
    }
    String lower = clipped.toLowerCase(Locale.ROOT);
    int[] prompt = PROMPT_RULES.count(lower);
    Lazy instructions = new Lazy(system);
    if (prompt[P_CODE] >= 2 || (tools || toolResults) && instructions.has(S_CODING_AGENT)) {
      return Category.PROGRAMMING;
    }
    if (prompt[P_TRANSLATION] > 0) {
      return Category.TRANSLATION;
    }
    if (tools && toolResults) {
      return Category.AGENTIC;
    }
    if (prompt[P_SUMMARY] > 0) {
      return Category.SUMMARIZATION;
    }
    if (prompt[P_ROLEPLAY] > 0 || instructions.has(S_ROLEPLAY)) {
      return Category.ROLEPLAY;
    }
    return byTopic(prompt, lower, tools);
  }

  // The rules after ROLEPLAY, which read only the prompt.
  private static Category byTopic(int[] prompt, String lower, boolean tools) {
    if (prompt[P_CODE] >= 1 && prompt[P_CREATIVE] == 0) {
      return Category.PROGRAMMING;
    }
    if (tools) {
      return Category.AGENTIC;
    }
    if (prompt[P_MATH] > 0 || Notation.arithmetic(lower)) {
      return Category.MATH;
    }
    if (prompt[P_CREATIVE] > 0) {
      return Category.CREATIVE;
    }
    if (prompt[P_ANALYSIS] > 0) {
      return Category.ANALYSIS;
    }
    if (prompt[P_KNOWLEDGE] > 0) {
      return Category.KNOWLEDGE;
    }
    return Category.CHAT;
  }

  /**
   * The system prompt's rules, read only if a rule asks for them, and only as far as it takes to
   * answer: up to the asked rule's first match, or to the end, after which every rule is known.
   */
  private static final class Lazy {
    private final Supplier<String> system;
    private @Nullable String text;
    private int @Nullable [] counts;
    private boolean complete;

    Lazy(Supplier<String> system) {
      this.system = system;
    }

    boolean has(int rule) {
      if (counts == null || !complete && counts[rule] == 0) {
        if (text == null) {
          text = clip(system.get()).toLowerCase(Locale.ROOT);
        }
        counts = SYSTEM_RULES.countUntil(text, rule);
        complete = counts[rule] == 0; // read to the end
      }
      return counts[rule] > 0;
    }
  }

  private static String clip(String text) {
    return text.length() > READ ? text.substring(0, READ) : text;
  }

  // Message.textOf, but only as far as the rules read: a system prompt of many blocks is not
  // copied whole.
  private static String clippedText(List<Part> parts) {
    if (parts.size() == 1) {
      return Message.textOf(parts); // one block: no copy to avoid
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size() && text.length() <= READ; i++) {
      text.append(Message.textOf(List.of(parts.get(i))));
    }
    return text.toString();
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
