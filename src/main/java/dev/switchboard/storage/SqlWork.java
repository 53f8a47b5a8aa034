package dev.switchboard.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work inside a transaction ({@link Transactions#run}). */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
