package dev.switchboard.account;

import java.security.SecureRandom;

/**
 * Formats of key material: secrets ({@code sk-sb-v1-} + 40 base62 characters, about 238 random
 * bits), ids ({@code key_} + 12 base62), hints and names. All randomness comes from SecureRandom.
 */
public final class KeyFormat {
  public static final String SECRET_PREFIX = "sk-sb-v1-";
  public static final String ID_PREFIX = "key_";
  static final int SECRET_CHARS = 40;
  static final int ID_CHARS = 12;
  static final int HINT_CHARS = 4;
  static final int MAX_NAME_LENGTH = 100;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFormat() {}

  public static String newSecret() {
    return SECRET_PREFIX + base62(SECRET_CHARS);
  }

  public static String newId() {
    return ID_PREFIX + base62(ID_CHARS);
  }

  /** The prefix and the first four secret characters, e.g. {@code sk-sb-v1-AbCd…}. */
  public static String hintOf(String secret) {
    if (!isSecret(secret)) {
      throw new IllegalArgumentException("not a Switchboard key secret");
    }
    return secret.substring(0, SECRET_PREFIX.length() + HINT_CHARS) + "…";
  }

  /** Whether the text has the shape of a secret; lets callers reject garbage without a lookup. */
  public static boolean isSecret(String text) {
    if (text.length() != SECRET_PREFIX.length() + SECRET_CHARS || !text.startsWith(SECRET_PREFIX)) {
      return false;
    }
    for (int i = SECRET_PREFIX.length(); i < text.length(); i++) {
      if (BASE62.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rejects names that are blank, too long, padded, or could be mistaken for an id (so revoking by
   * id or name is never ambiguous) or for a secret (so a pasted secret is never stored as a name).
   */
  public static String checkName(String name) {
    if (name.isBlank() || !name.equals(name.strip()) || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a key name must be 1 to " + MAX_NAME_LENGTH + " characters without surrounding spaces");
    }
    if (name.startsWith(ID_PREFIX) || name.startsWith("sk-")) {
      throw new IllegalArgumentException(
          "a key name may not start with '" + ID_PREFIX + "' or 'sk-'");
    }
    return name;
  }

  private static String base62(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return text.toString();
  }
}
