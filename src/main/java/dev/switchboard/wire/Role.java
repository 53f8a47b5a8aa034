package dev.switchboard.wire;

/**
 * Who wrote a message. SYSTEM is an instruction inside the conversation (OpenAI's system and
 * developer messages, Claude Code's mid-conversation system turns); the leading system prompt lives
 * in {@link ChatRequest#system()}. TOOL carries only tool results.
 */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL
}
