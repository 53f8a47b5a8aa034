package dev.switchboard.budget;

/** What a budget window limits: the key's credit (per reset period or ever), a day, a session. */
public enum WindowKind {
  CREDIT,
  DAY,
  SESSION
}
