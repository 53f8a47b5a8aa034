package dev.switchboard.insight.category;

import java.util.Locale;

/**
 * The task categories a request can fall in; the lower-case names are stored in the ledger and
 * shown in rankings.
 */
public enum Category {
  /** Writing, reading, fixing or explaining code. */
  PROGRAMMING,
  /** An agent loop: tools offered and used, not about code. */
  AGENTIC,
  /** Translating text between languages. */
  TRANSLATION,
  /** Arithmetic, algebra, probability, proofs. */
  MATH,
  /** Stories, poems, posts, emails, copy. */
  CREATIVE,
  /** Playing a character or persona. */
  ROLEPLAY,
  /** Extracting, comparing or reasoning over given material; puzzles. */
  ANALYSIS,
  /** Questions on science, history, society, how things work. */
  KNOWLEDGE,
  /** Summarizing given text. */
  SUMMARIZATION,
  /** Anything else: conversation, advice, small talk. */
  CHAT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
