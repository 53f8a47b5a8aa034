package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamUrlTest {
  @Test
  void thePathFollowsTheBasePath() {
    assertThat(UpstreamClient.join("https://api.x.com/v1", "/chat/completions"))
        .isEqualTo("https://api.x.com/v1/chat/completions");
    assertThat(UpstreamClient.join("https://api.x.com/v1/", "/chat/completions"))
        .isEqualTo("https://api.x.com/v1/chat/completions");
  }

  @Test
  void aQueryInTheBaseUrl_staysAQuery_afterThePathsOwn() {
    assertThat(UpstreamClient.join("https://api.x.com/v1?key=K", "/chat/completions"))
        .isEqualTo("https://api.x.com/v1/chat/completions?key=K");
    assertThat(
            UpstreamClient.join(
                "https://g.x.com/v1beta/?key=K", "/models/m:streamGenerateContent?alt=sse"))
        .isEqualTo("https://g.x.com/v1beta/models/m:streamGenerateContent?alt=sse&key=K");
  }
}
