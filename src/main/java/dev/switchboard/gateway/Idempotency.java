package dev.switchboard.gateway;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.IdempotencyStore.Claimed;
import dev.switchboard.account.IdempotencyStore.Held;
import dev.switchboard.account.IdempotencyStore.StoredResponse;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code Idempotency-Key} header on non-streamed chat requests. The first request with a key
 * claims it; the same key and body again within 24 h get the stored answer (with {@code
 * Idempotent-Replayed: true}) and no upstream call, ledger row or charge; another body gets 422; a
 * retry while the first runs gets 409. Only 2xx answers are stored: an error releases the key
 * before the client sees it, so a retry runs afresh. Keys are scoped per API key. Streamed requests
 * ignore the key and say so in a header. Store calls run on worker threads. The edge refuses a
 * repeated header; this class sees the one value.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final String IGNORED = "Idempotency-Key-Ignored";
  private static final int MAX_LENGTH = 255;
  private static final String IGNORED_REASON =
      "streamed answers are not stored; look one up with GET /v1/generation?id=<X-Generation-Id>";
  private static final System.Logger LOG = System.getLogger("switchboard.idempotency");

  private final Vertx vertx;
  private final IdempotencyStore store;

  public Idempotency(Vertx vertx, IdempotencyStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /**
   * Calls {@code proceed} with the request's claim ({@link Claim#NONE} without a key, or for a
   * stream), or answers the client itself: 400 for a malformed key, 409, 422, or the replay.
   */
  void guard(IngressRequest request, ChatCall call, ClientChannel client, Consumer<Claim> proceed) {
    String key = request.headers().get(HEADER.toLowerCase(Locale.ROOT));
    if (key == null) {
      proceed.accept(Claim.NONE);
      return;
    }
    Optional<GatewayError> malformed = check(key);
    if (malformed.isPresent()) {
      client.reject(malformed.get());
      return;
    }
    if (call.request.stream()) {
      client.header(IGNORED, IGNORED_REASON);
      proceed.accept(Claim.NONE);
      return;
    }
    String path = request.route();
    byte[] body = request.body();
    // Hashing a body of megabytes is work for a worker thread, as is JDBC.
    vertx
        .executeBlocking(
            () -> {
              String hash = bodyHash(path, body);
              return new Lookup(hash, store.claim(call.key.id(), key, hash, call.generationId));
            },
            false)
        .onFailure(error -> client.reject(unchecked(error)))
        .onSuccess(lookup -> answer(client, call, key, lookup, proceed));
  }

  private void answer(
      ClientChannel client, ChatCall call, String key, Lookup lookup, Consumer<Claim> proceed) {
    switch (lookup.found()) {
      case Claimed _ -> {
        KeyClaim claim = new KeyClaim(call, key);
        // However the response ends without a stored answer, the key is freed.
        client.onEnd(claim::release);
        proceed.accept(claim);
      }
      case Held held when !held.bodyHash().equals(lookup.bodyHash()) -> client.reject(reused());
      case Held held when held.answer().isEmpty() -> client.reject(inFlight());
      case Held held -> replay(client, held.answer().get());
    }
  }

  /** Empty for a key of 1 to 255 printable ASCII characters; else the 400 to send. */
  private static Optional<GatewayError> check(String key) {
    boolean printable = key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    if (key.isEmpty() || key.length() > MAX_LENGTH || !printable) {
      return Optional.of(
          GatewayError.of(
              ErrorKind.INVALID_REQUEST,
              HEADER + ": must be 1 to " + MAX_LENGTH + " printable ASCII characters"));
    }
    return Optional.empty();
  }

  /** SHA-256 over the path and the body bytes, so the same key on another endpoint is reuse. */
  private static String bodyHash(String path, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(path.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static GatewayError unchecked(Throwable cause) {
    return GatewayError.builder(ErrorKind.INTERNAL, "the Idempotency-Key could not be checked")
        .cause(cause)
        .build();
  }

  private static GatewayError reused() {
    return GatewayError.of(
        ErrorKind.IDEMPOTENCY_KEY_REUSED,
        "this Idempotency-Key was already used with a different request body;"
            + " use a new key for a new request");
  }

  private static GatewayError inFlight() {
    return GatewayError.builder(
            ErrorKind.IDEMPOTENCY_KEY_IN_USE,
            "a request with this Idempotency-Key is still in progress; retry after it ends")
        .retryAfter(Duration.ofSeconds(1))
        .build();
  }

  private static void replay(ClientChannel client, StoredResponse answer) {
    client.header(ClientChannel.GENERATION_ID, answer.generationId());
    client.header(REPLAYED, "true");
    client.reply(answer.status(), answer.body());
  }

  private record Lookup(String bodyHash, IdempotencyStore.Claim found) {}

  /**
   * One request's hold on its key: {@link #complete} it with the answer, or {@link #release} it.
   * Event-loop confined; whichever comes first wins and later calls do nothing. Both futures
   * complete once the store has the change and never fail: a failed write is logged (an answer that
   * could not be stored leaves the key held until {@link IdempotencyStore#ABANDONED_AFTER}).
   */
  interface Claim {
    /** For requests without a key, and streams: both operations do nothing. */
    Claim NONE =
        new Claim() {
          @Override
          public Future<Void> complete(byte[] body) {
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> release() {
            return Future.succeededFuture();
          }
        };

    /** Stores a 200 JSON answer, so a client that got it and retries finds it. */
    Future<Void> complete(byte[] body);

    /** Frees the key so that a retry runs afresh. */
    Future<Void> release();
  }

  private final class KeyClaim implements Claim {
    private final String keyId;
    private final String idempotencyKey;
    private final String generationId;
    private boolean settled;

    KeyClaim(ChatCall call, String idempotencyKey) {
      this.keyId = call.key.id();
      this.idempotencyKey = idempotencyKey;
      this.generationId = call.generationId;
    }

    @Override
    public Future<Void> complete(byte[] body) {
      StoredResponse answer = new StoredResponse(200, "application/json", generationId, body);
      return settle(
          () -> store.complete(keyId, idempotencyKey, generationId, answer),
          "cannot store the answer of ");
    }

    @Override
    public Future<Void> release() {
      return settle(
          () -> store.release(keyId, idempotencyKey, generationId),
          "cannot release the Idempotency-Key of ");
    }

    private Future<Void> settle(Runnable work, String failure) {
      if (settled) {
        return Future.succeededFuture();
      }
      settled = true;
      return vertx
          .<Void>executeBlocking(
              () -> {
                work.run();
                return null;
              },
              false)
          .recover(
              error -> {
                LOG.log(Level.ERROR, failure + generationId, error);
                return Future.succeededFuture();
              });
    }
  }
}
