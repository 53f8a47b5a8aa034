package dev.switchboard.wire;

/** An error response ready to send: HTTP status, JSON body, and the content type of the format. */
public record ErrorBody(int status, byte[] body) {}
