package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.RequestOptions;
import java.util.List;
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

  /** The base URL is parsed once; every joined URL then goes where setAbsoluteURI sends it. */
  @Test
  void theParsedOrigin_sendsEveryJoinedUrlWhereSetAbsoluteUriWould() {
    for (String base :
        List.of(
            "https://api.x.com/v1",
            "http://127.0.0.1:18081/v1/",
            "https://g.x.com/v1beta/?key=K",
            "http://localhost:8080",
            "http://[::1]:9000/openai?api-version=2024-10-21",
            "https://host.example")) {
      UpstreamClient.Origin origin = UpstreamClient.Origin.of(base);
      for (String path : List.of("/chat/completions", "/models/m:streamGenerateContent?alt=sse")) {
        String url = UpstreamClient.join(base, path);
        RequestOptions expected = new RequestOptions().setAbsoluteURI(url);
        assertThat(origin.host()).as(url).isEqualTo(expected.getHost());
        assertThat(origin.port()).as(url).isEqualTo(expected.getPort());
        assertThat(origin.ssl()).as(url).isEqualTo(expected.isSsl());
        assertThat(origin.uri(url)).as(url).isEqualTo(expected.getURI());
      }
    }
  }
}
