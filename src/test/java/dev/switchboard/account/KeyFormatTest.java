package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyFormatTest {
  @Test
  void secretsHaveThePrefixAnd40Base62Characters_andDiffer() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String secret = KeyFormat.newSecret();
      assertThat(secret).startsWith("sk-sb-v1-").hasSize(49).matches("sk-sb-v1-[0-9A-Za-z]{40}");
      assertThat(KeyFormat.isSecret(secret)).isTrue();
      assertThat(seen.add(secret)).isTrue();
    }
  }

  @Test
  void idsHaveThePrefixAnd12Base62Characters() {
    assertThat(KeyFormat.newId()).matches("key_[0-9A-Za-z]{12}");
  }

  @Test
  void hintShowsOnlyTheFirstFourSecretCharacters() {
    String secret = "sk-sb-v1-AbCd" + "x".repeat(36);

    assertThat(KeyFormat.hintOf(secret)).isEqualTo("sk-sb-v1-AbCd…");
  }

  @Test
  void rejectsTextThatIsNotShapedLikeASecret() {
    assertThat(KeyFormat.isSecret("")).isFalse();
    assertThat(KeyFormat.isSecret("sk-sb-v1-" + "a".repeat(39))).isFalse();
    assertThat(KeyFormat.isSecret("sk-sb-v1-" + "a".repeat(39) + "-")).isFalse();
    assertThat(KeyFormat.isSecret("sk-sb-v2-" + "a".repeat(40))).isFalse();
  }

  @Test
  void rejectsNamesThatCouldBeConfusedWithIdsOrSecrets() {
    assertThat(KeyFormat.checkName("cline laptop")).isEqualTo("cline laptop");
    for (String bad :
        new String[] {"", " ", " padded", "key_abc", "sk-sb-v1-abc", "n".repeat(101)}) {
      assertThatThrownBy(() -> KeyFormat.checkName(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
