package dev.switchboard.wire;

/** Where an image or document's bytes are: behind a URL, or inline as base64 with a media type. */
public sealed interface Media {
  /** Fetched by the provider from this address (or a data: URL). */
  record Url(String url) implements Media {}

  /** The bytes themselves, base64-encoded, with their media type. */
  record Inline(String mediaType, String base64) implements Media {}

  /**
   * A URL as media: a base64 data: URL is inline bytes; anything else is fetched by the provider.
   */
  static Media ofUrl(String url) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      int semicolon = url.indexOf(';');
      if (comma > 0 && semicolon > 0 && semicolon < comma && url.startsWith(";base64", semicolon)) {
        return new Inline(url.substring(5, semicolon), url.substring(comma + 1));
      }
    }
    return new Url(url);
  }

  /** The media as a URL: its own, or a base64 data: URL of its bytes. */
  static String toUrl(Media media) {
    return switch (media) {
      case Url url -> url.url();
      case Inline inline -> "data:" + inline.mediaType() + ";base64," + inline.base64();
    };
  }
}
