package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.KeyStore;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The admin key API, OpenRouter's {@code /api/v1/keys} in shape: {@code GET} lists keys (100 per
 * page from {@code ?offset=}, revoked ones with {@code ?include_disabled=true}), {@code POST}
 * creates one and returns its secret once ({@code key}), {@code GET/PATCH/DELETE /api/v1/keys/{id}}
 * read, change and revoke one ({@code id} or active name). Only an admin key may call it (403
 * otherwise). Keys are revoked, never deleted; a revoked key cannot be re-enabled.
 */
final class KeysAdminEndpoint {
  static final int PAGE = 100;
  private static final long MAX_BODY_BYTES = 64 * 1024;
  private static final KeyUsage NEW_KEY =
      new KeyUsage(0, 0, 0, 0, 0, 0, Optional.empty(), OptionalLong.empty());

  private final Vertx vertx;
  private final KeyAuthenticator keys;
  private final KeyStore store;
  private final KeyUsageSource usage;
  private final RouteFormats formats;

  KeysAdminEndpoint(
      Vertx vertx, KeyAuthenticator keys, KeyUsageSource usage, RouteFormats formats) {
    this.vertx = vertx;
    this.keys = keys;
    this.store = keys.store();
    this.usage = usage;
    this.formats = formats;
  }

  /** A response: status and JSON body. */
  record Reply(int status, byte[] body) {}

  Handler<RoutingContext> list() {
    return admin(false, (ctx, body) -> list(ctx.request()));
  }

  Handler<RoutingContext> one() {
    return admin(false, (ctx, body) -> found(ctx).compose(key -> shown(200, key)));
  }

  Handler<RoutingContext> create() {
    return admin(true, (ctx, body) -> create(body.orElseThrow()));
  }

  Handler<RoutingContext> update() {
    return admin(true, (ctx, body) -> found(ctx).compose(key -> update(key, body.orElseThrow())));
  }

  Handler<RoutingContext> delete() {
    return admin(
        false,
        (ctx, body) ->
            found(ctx)
                .compose(key -> blocking(() -> key.active() ? revoke(key) : key))
                .compose(this::deleted));
  }

  private Future<Reply> list(HttpServerRequest request) {
    int offset = offset(request.getParam("offset"));
    boolean disabled = Boolean.parseBoolean(request.getParam("include_disabled"));
    return blocking(store::list)
        .compose(
            all -> {
              List<ApiKey> page =
                  all.stream()
                      .filter(key -> disabled || key.active())
                      .skip(offset)
                      .limit(PAGE)
                      .toList();
              List<CompletableFuture<ObjectNode>> shown = new ArrayList<>();
              Instant now = Instant.now();
              for (ApiKey key : page) {
                shown.add(
                    usage.usage(key, Optional.empty()).thenApply(u -> KeyJson.of(key, u, now)));
              }
              return Future.fromCompletionStage(
                  CompletableFuture.allOf(shown.toArray(CompletableFuture[]::new))
                      .thenApply(done -> listed(shown)),
                  vertx.getOrCreateContext());
            });
  }

  private static Reply listed(List<CompletableFuture<ObjectNode>> shown) {
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    shown.forEach(key -> data.add(key.join()));
    return new Reply(200, Json.bytes(root));
  }

  private Future<Reply> create(JsonNode body) {
    KeyRulesJson.onlyKnownFields(body, Set.of("name", "admin"));
    JsonNode name = body.path("name");
    if (!name.isTextual()) {
      throw KeyRulesJson.invalid("name", "required: a name to recognise the key by");
    }
    JsonNode admin = body.path("admin");
    if (!admin.isMissingNode() && !admin.isBoolean()) {
      throw KeyRulesJson.invalid("admin", "must be true or false");
    }
    KeyRules rules = KeyRulesJson.apply(KeyRules.NONE, body);
    return blocking(() -> issue(name.textValue(), rules, admin.asBoolean(false)))
        .map(
            issued -> {
              ObjectNode root = Json.object();
              root.set("data", KeyJson.of(issued.key(), NEW_KEY, Instant.now()));
              root.put("key", issued.secret()); // shown once, here; never logged
              return new Reply(201, Json.bytes(root));
            });
  }

  private IssuedKey issue(String name, KeyRules rules, boolean admin) {
    try {
      return store.create(name, rules, admin);
    } catch (IllegalArgumentException e) {
      throw KeyRulesJson.invalid("name", String.valueOf(e.getMessage()));
    }
  }

  private Future<Reply> update(ApiKey key, JsonNode body) {
    KeyRulesJson.onlyKnownFields(body, Set.of("name", "disabled"));
    JsonNode name = body.path("name");
    if (!name.isMissingNode() && !name.asText().equals(key.name())) {
      throw KeyRulesJson.invalid("name", "renaming a key is not supported");
    }
    JsonNode disabled = body.path("disabled");
    if (!disabled.isMissingNode() && !disabled.isBoolean()) {
      throw KeyRulesJson.invalid("disabled", "must be true or false");
    }
    boolean disable = disabled.asBoolean(false);
    KeyRules rules = KeyRulesJson.apply(key.rules(), body);
    if (!key.active()) {
      if (disabled.isBoolean() && !disable) {
        throw KeyRulesJson.invalid(
            "disabled", "a revoked key cannot be re-enabled; create a new key");
      }
      if (!rules.equals(key.rules())) {
        throw KeyRulesJson.invalid("rules", "the key is revoked; its rules no longer change");
      }
      return shown(200, key);
    }
    return blocking(
            () -> {
              ApiKey updated = store.update(key.id(), rules).orElseThrow(() -> gone(key));
              return disable ? revoke(updated) : updated;
            })
        .compose(updated -> shown(200, updated));
  }

  private ApiKey revoke(ApiKey key) {
    return store.revoke(key.id()).orElseThrow(() -> gone(key));
  }

  private Future<Reply> deleted(ApiKey key) {
    return Future.fromCompletionStage(
        usage
            .usage(key, Optional.empty())
            .thenApply(
                u -> {
                  ObjectNode root = Json.object().put("deleted", true);
                  root.set("data", KeyJson.of(key, u, Instant.now()));
                  return new Reply(200, Json.bytes(root));
                }),
        vertx.getOrCreateContext());
  }

  private Future<Reply> shown(int status, ApiKey key) {
    return Future.fromCompletionStage(
        usage
            .usage(key, Optional.empty())
            .thenApply(u -> new Reply(status, KeyJson.wrapped(KeyJson.of(key, u, Instant.now())))),
        vertx.getOrCreateContext());
  }

  private Future<ApiKey> found(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return blocking(() -> store.find(id))
        .compose(
            key ->
                key.map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                GatewayError.of(
                                    ErrorKind.NOT_FOUND,
                                    "no key with id or active name '"
                                        + KeyRulesJson.clip(id)
                                        + "'"))));
  }

  private static GatewayError gone(ApiKey key) {
    return GatewayError.of(ErrorKind.NOT_FOUND, "key " + key.id() + " was revoked meanwhile");
  }

  private static int offset(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(text.strip());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw KeyRulesJson.invalid("offset", "must be a whole number from 0");
  }

  /**
   * Authenticates an admin key (the body, if any, is read only after), parses the JSON body when
   * {@code withBody}, runs {@code action} and answers; errors in OpenAI's shape.
   */
  private Handler<RoutingContext> admin(
      boolean withBody, BiFunction<RoutingContext, Optional<JsonNode>, Future<Reply>> action) {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      if (withBody) {
        request.pause();
      }
      ClientCredentials.authenticateAny(keys, vertx, request)
          .compose(KeysAdminEndpoint::adminOnly)
          .compose(caller -> withBody ? body(request) : Future.succeededFuture(Optional.empty()))
          .compose(body -> action.apply(ctx, body))
          .onSuccess(reply -> Replies.json(ctx.response(), reply.status(), reply.body()))
          .onFailure(
              error ->
                  Replies.refuse(
                      request, formats.forPath(ctx.normalizedPath()), Failures.logged(error)));
    };
  }

  private static Future<ApiKey> adminOnly(ApiKey caller) {
    return caller.admin()
        ? Future.succeededFuture(caller)
        : Future.failedFuture(
            GatewayError.of(
                ErrorKind.POLICY_BLOCKED,
                "managing keys needs an admin key (switchboard keys create NAME --admin)"));
  }

  private static Future<Optional<JsonNode>> body(HttpServerRequest request) {
    return RequestBody.read(request, MAX_BODY_BYTES)
        .map(
            bytes -> {
              JsonNode body;
              try {
                body = Json.tree(bytes);
              } catch (WireException e) {
                throw GatewayError.of(ErrorKind.INVALID_REQUEST, e.getMessage());
              }
              if (!body.isObject()) {
                throw GatewayError.of(ErrorKind.INVALID_REQUEST, "the body must be a JSON object");
              }
              return Optional.of(body);
            });
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
