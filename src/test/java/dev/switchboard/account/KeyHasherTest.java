package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
  private static final byte[] SALT =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void hashesAsHexHmacSha256_dependingOnSalt() {
    KeyHasher hasher = KeyHasher.of(SALT);
    byte[] otherSalt = SALT.clone();
    otherSalt[0] ^= 1;

    // Check value computed independently (Python hmac): HMAC-SHA256(SALT, "secret").
    assertThat(hasher.hash("secret"))
        .isEqualTo("0ad814968caefdecab8a6c0c55414688fdcad02f100ee7ac5def2352aaff36e5")
        .isNotEqualTo(hasher.hash("secreT"))
        .isNotEqualTo(KeyHasher.of(otherSalt).hash("secret"));
  }

  @Test
  void refusesShortSalts_andHidesTheSalt() {
    assertThatThrownBy(() -> KeyHasher.of(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KeyHasher.of(SALT).toString()).doesNotContain("0123");
  }
}
