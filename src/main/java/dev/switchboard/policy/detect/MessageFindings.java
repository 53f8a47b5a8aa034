package dev.switchboard.policy.detect;

import java.util.List;

/**
 * The findings in one text-carrying part of a request. {@code messageIndex} is {@link #SYSTEM} (-1)
 * for the leading system prompt, else the index into {@code ChatRequest.messages()}; {@code
 * partIndex} indexes that message's (or the system prompt's) parts. Offsets are into the part's
 * text as {@link Scanner#textOf} defines it.
 */
public record MessageFindings(int messageIndex, int partIndex, List<Finding> findings) {
  /** The message index of the system prompt. */
  public static final int SYSTEM = -1;

  public MessageFindings {
    findings = List.copyOf(findings);
  }
}
