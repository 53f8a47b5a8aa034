package dev.switchboard.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes key secrets as lowercase hex HMAC-SHA256 under the installation salt, so a copied database
 * cannot be used to test guessed secrets without the salt, and lookups stay an exact-match index
 * probe. Thread-safe.
 */
public final class KeyHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_SALT_BYTES = 16;

  private final SecretKeySpec salt;

  private KeyHasher(byte[] salt) {
    this.salt = new SecretKeySpec(salt, ALGORITHM);
  }

  public static KeyHasher of(byte[] salt) {
    if (salt.length < MIN_SALT_BYTES) {
      throw new IllegalArgumentException("the salt needs at least " + MIN_SALT_BYTES + " bytes");
    }
    return new KeyHasher(salt.clone());
  }

  public String hash(String secret) {
    try {
      // A Mac is not thread-safe and costs about a microsecond to create, so one per call.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(salt);
      return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "KeyHasher[" + ALGORITHM + ", salt hidden]";
  }
}
