package dev.switchboard.policy.detect;

import java.util.List;

/**
 * The findings in one text-carrying part of a request. {@code messageIndex} is {@link #SYSTEM} (-1)
 * for the leading system prompt, {@link #TOOLS} (-2) for the tool definitions, else the index into
 * {@code ChatRequest.messages()}; {@code partIndex} indexes that message's (or the system prompt's)
 * parts, or for {@link #TOOLS} the tool in {@code ChatRequest.tools()}. Offsets are into the part's
 * text as {@link Scanner#textOf} defines it, or into the tool's description.
 */
public record MessageFindings(int messageIndex, int partIndex, List<Finding> findings) {
  /** The message index of the system prompt. */
  public static final int SYSTEM = -1;

  /** The message index of the tool definitions; the part index is the tool's. */
  public static final int TOOLS = -2;

  public MessageFindings {
    findings = List.copyOf(findings);
  }
}
