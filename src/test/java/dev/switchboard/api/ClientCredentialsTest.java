package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.MultiMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
  @Test
  void readsTheKey_whereverTheClientsSdkPutsIt() {
    assertThat(secret(headers("Authorization", "Bearer sk-1"), query())).hasValue("sk-1");
    assertThat(secret(headers("authorization", "bearer  sk-1 "), query())).hasValue("sk-1");
    assertThat(secret(headers("x-api-key", "sk-2"), query())).hasValue("sk-2");
    assertThat(secret(headers("X-Goog-Api-Key", "sk-3"), query())).hasValue("sk-3");
    assertThat(secret(headers(), query("key", "sk-4"))).hasValue("sk-4");
  }

  @Test
  void noUsableKey_isEmpty() {
    assertThat(secret(headers(), query())).isEmpty();
    assertThat(secret(headers("Authorization", "Basic dXNlcjpwdw=="), query())).isEmpty();
    assertThat(secret(headers("x-api-key", "  "), query())).isEmpty();
  }

  @Test
  void theSameKeyInSeveralPlaces_isOneKey_andANonBearerAuthorizationDoesNotCount() {
    assertThat(secret(headers("Authorization", "Bearer sk-1", "x-api-key", "sk-1"), query()))
        .hasValue("sk-1");
    assertThat(secret(headers("Authorization", "Basic abc", "x-api-key", "sk-2"), query()))
        .hasValue("sk-2");
  }

  @Test
  void twoDifferentKeys_orOnePlaceSentTwice_areRefusedAsAmbiguous() {
    assertAmbiguous(headers("Authorization", "Bearer sk-1", "x-api-key", "sk-2"), query());
    assertAmbiguous(headers("x-goog-api-key", "sk-1"), query("key", "sk-2"));
    assertAmbiguous(headers("x-api-key", "sk-1", "x-api-key", "sk-1"), query());
    assertAmbiguous(headers(), query("key", "sk-1", "key", "sk-2"));
  }

  private static void assertAmbiguous(MultiMap headers, MultiMap query) {
    assertThatThrownBy(() -> ClientCredentials.secret(headers, query))
        .isInstanceOfSatisfying(
            GatewayError.class,
            error -> {
              assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
              assertThat(error.safeMessage()).contains("ambiguous").doesNotContain("sk-");
            });
  }

  private static Optional<String> secret(MultiMap headers, MultiMap query) {
    return ClientCredentials.secret(headers, query);
  }

  private static MultiMap headers(String... pairs) {
    return pairs(MultiMap.caseInsensitiveMultiMap(), pairs);
  }

  private static MultiMap query(String... pairs) {
    return pairs(MultiMap.caseInsensitiveMultiMap(), pairs);
  }

  private static MultiMap pairs(MultiMap map, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      map.add(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
