package dev.switchboard.account;

/**
 * A freshly created key with its secret, which is shown to the user once and never stored. {@link
 * #toString()} leaves the secret out so that logging an issued key cannot leak it.
 */
public record IssuedKey(ApiKey key, String secret) {
  @Override
  public String toString() {
    return "IssuedKey[key=" + key + ", secret=<hidden>]";
  }
}
