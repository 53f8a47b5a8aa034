package dev.switchboard.storage;

/** The SQL engines behind {@link Database}; stores branch on it only where the SQL differs. */
public enum Dialect {
  SQLITE,
  POSTGRESQL
}
