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
  // Every request hashes its key; Mac.getInstance walks the provider list, so each thread keeps
  // one.
  private final ThreadLocal<Mac> macs;

  private KeyHasher(byte[] salt) {
    this.salt = new SecretKeySpec(salt, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public static KeyHasher of(byte[] salt) {
    if (salt.length < MIN_SALT_BYTES) {
      throw new IllegalArgumentException("the salt needs at least " + MIN_SALT_BYTES + " bytes");
    }
    return new KeyHasher(salt.clone());
  }

  public String hash(String secret) {
    // doFinal resets the Mac to its initialised state, ready for the next secret.
    return HexFormat.of().formatHex(macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(salt);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "KeyHasher[" + ALGORITHM + ", salt hidden]";
  }
}
