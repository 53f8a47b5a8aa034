package dev.switchboard.storage.postgresql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?NAME=VALUE&...]} URL (libpq's form,
 * the one operators already write) split into what pgjdbc takes: a JDBC URL without credentials,
 * the user and password apart (so no log line or error that prints the JDBC URL shows them), and
 * the query parameters as driver properties ({@code currentSchema}, {@code sslmode}, ...).
 */
record PostgresUrl(
    String jdbcUrl, String user, Optional<String> password, Map<String, String> parameters) {
  private static final int DEFAULT_PORT = 5432;

  PostgresUrl {
    parameters = Map.copyOf(parameters);
  }

  static PostgresUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a postgresql:// URL: " + e.getReason(), e);
    }
    String scheme = uri.getScheme();
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (!("postgresql".equals(scheme) || "postgres".equals(scheme))
        || uri.getHost() == null
        || database.isEmpty()) {
      throw new IllegalArgumentException(
          "expected postgresql://USER@HOST:PORT/DATABASE, got a URL of another shape");
    }
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo();
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    Optional<String> password =
        colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database;
    return new PostgresUrl(
        jdbc, user.isEmpty() ? "postgres" : user, password, query(uri.getRawQuery()));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    // Percent-decoding only: a '+' in a password is a plus, not a space.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return user + "@" + jdbcUrl.substring("jdbc:postgresql://".length());
  }
}
