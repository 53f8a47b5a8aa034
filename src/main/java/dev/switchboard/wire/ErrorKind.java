package dev.switchboard.wire;

/**
 * The closed vocabulary of failures a client can see; each wire format maps it to its own types.
 */
public enum ErrorKind {
  INVALID_REQUEST(400, "invalid_request"),
  UNAUTHENTICATED(401, "invalid_api_key"),
  INSUFFICIENT_CREDIT(402, "insufficient_credit"),
  POLICY_BLOCKED(403, "policy_blocked"),
  /**
   * The key may not do this: an admin key on a completion route, a model the key does not allow.
   */
  FORBIDDEN(403, "forbidden"),
  MODEL_NOT_FOUND(404, "model_not_found"),
  NOT_FOUND(404, "not_found"),
  /** The model exists, but the request's constraints left no deployment of it (OpenRouter's). */
  NO_ENDPOINTS(404, "no_endpoints"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  REQUEST_TIMEOUT(408, "request_timeout"),
  /** A request with the same Idempotency-Key is still running. */
  IDEMPOTENCY_KEY_IN_USE(409, "idempotency_key_in_use"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  URI_TOO_LONG(414, "uri_too_long"),
  /** The Idempotency-Key was already used with a different request body. */
  IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused"),
  HEADERS_TOO_LARGE(431, "headers_too_large"),
  RATE_LIMITED(429, "rate_limited"),
  INTERNAL(500, "internal_error"),
  UPSTREAM_FAILED(502, "upstream_failed"),
  NO_ELIGIBLE_ROUTE(503, "no_eligible_route"),
  /**
   * Something the gateway must check could not be reached (the database, the rate limiter): the
   * request is refused rather than let through unchecked.
   */
  UNAVAILABLE(503, "service_unavailable"),
  UPSTREAM_TIMEOUT(504, "upstream_timeout");

  private final int status;
  private final String code;

  ErrorKind(int status, String code) {
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** Stable machine-readable code, the same in every wire format. */
  public String code() {
    return code;
  }
}
