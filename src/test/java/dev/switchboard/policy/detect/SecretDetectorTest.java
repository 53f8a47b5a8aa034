package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
          + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAY34FZKBOKMUTVV7A",
        "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
        "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        "github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ",
        "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxp-2222222222-333333333333-44444444444-abcdef0123456789",
        "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
        "sk-9aZ8bY7cX6dW5eV4fU3gT2hS1iR0jQpO",
        "sk-ant-api03-Xy9_Zw8-Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe",
        JWT
      })
  void findsProviderTokens(String token) {
    assertThat(Found.in("use " + token + " please")).containsExactly("SECRET=" + token);
  }

  @Test
  void findsPemPrivateKeyBlocksWholeAndTruncated() {
    String block =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nx9Zk=\n-----END RSA PRIVATE KEY-----";
    assertThat(Found.in("key:\n" + block + "\nend")).containsExactly("SECRET=" + block);
    assertThat(Found.in("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg"))
        .containsExactly("SECRET=-----BEGIN PRIVATE KEY-----");
    assertThat(Found.in("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_key = \"Zx8qP2mN7vL4kR9tW3yB6cD1\"",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "password: Tr0ub4dor&3xKq!92zL",
        "\"client_secret\": \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\"",
        "token=QmFzZTY0RW5jb2RlZFNlY3JldA"
      })
  void findsHighEntropyAssignments(String assignment) {
    assertThat(Found.in(assignment)).hasSize(1).allMatch(s -> s.startsWith("SECRET="));
  }

  @Test
  void anAssignmentReportsOnlyItsValue() {
    assertThat(Found.in("api_key = \"Zx8qP2mN7vL4kR9tW3yB6cD1\";"))
        .containsExactly("SECRET=Zx8qP2mN7vL4kR9tW3yB6cD1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password: changeme",
        "token = aaaaaaaaaaaaaaaaaaaaaaaa",
        "key = some_config_value_name",
        "token: config.getToken()",
        "primary_key = user_id",
        "sk-this-is-a-long-english-phrase",
        "the task-management-system-config",
        "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.abc", // base64url JSON without "alg"
        "AKIA1234", // too short
        "commit 3f786850e387550fdab836ed7e6dc881de23001b",
        "sha256:9b2c6f1a4e0d8c7b3a5f6e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1"
      })
  void refusesSecretLookAlikes(String text) {
    assertThat(Found.in(text)).isEmpty();
  }
}
