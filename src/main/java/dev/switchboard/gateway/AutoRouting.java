package dev.switchboard.gateway;

import dev.switchboard.autoroute.AutoChoice;
import dev.switchboard.autoroute.AutoOptions;
import dev.switchboard.autoroute.AutoPool;
import dev.switchboard.autoroute.PromptScorer;
import dev.switchboard.autoroute.PromptText;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a request's routes. A request for {@code switchboard/auto} is first scored by the auto
 * router, on a worker pool of its own (the embedding would stall an event loop), and routed to its
 * pick, with the pick's tier-mates and then the client's own {@code models} as fallbacks. Every
 * other request is planned at once, without leaving the event loop.
 */
public final class AutoRouting {
  /** Shared by every event loop: one scoring thread per core, as scoring is CPU-bound. */
  private static final String SCORING = "switchboard-auto-router";

  private final RoutePlanner planner;
  private final AutoPool pool;
  private final PromptScorer scorer;
  private final Vertx vertx;
  private volatile WorkerExecutor scoring;

  /**
   * Plans with {@code planner}; routes {@code switchboard/auto} within {@code pool} by {@code
   * scorer}'s scores, computed on a worker pool of {@code vertx}.
   */
  public AutoRouting(RoutePlanner planner, AutoPool pool, PromptScorer scorer, Vertx vertx) {
    this.planner = planner;
    this.pool = pool;
    this.scorer = scorer;
    this.vertx = vertx;
  }

  /**
   * The routes to try for {@code call}, in order; fails with the planner's or the router's error.
   */
  Future<List<Route>> plan(ChatCall call) {
    try {
      if (!AutoChoice.MODEL.equals(call.request.model())) {
        return Future.succeededFuture(planner.plan(call.request, call.decision().filter()));
      }
      double quality = AutoOptions.quality(call.request.hints().auto(), pool.quality());
      String prompt = PromptText.promptText(call.request);
      return scoring()
          .executeBlocking(() -> checked(scorer.score(prompt)), false)
          .map(score -> routed(call, score, quality));
    } catch (GatewayError refused) {
      return Future.failedFuture(refused);
    }
  }

  private List<Route> routed(ChatCall call, double score, double quality) {
    AutoChoice choice =
        AutoChoice.choose(pool, score, quality, scorer.version(), model -> eligible(call, model))
            .orElseThrow(() -> noneEligible(call));
    call.autoRouted(choice);
    List<String> fallbacks = new ArrayList<>(choice.fallbacks());
    call.request.hints().models().stream()
        .filter(m -> !fallbacks.contains(m))
        .forEach(fallbacks::add);
    return planner.plan(call.request.routedTo(choice.pick(), fallbacks), call.decision().filter());
  }

  /** A score outside 0 to 1 (NaN, say) is a broken router: the request fails rather than guess. */
  private static double checked(double score) {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalStateException("the auto router scored a prompt " + score);
    }
    return score;
  }

  /**
   * Whether the key may use {@code model} and at least one of its deployments may serve the call.
   */
  private boolean eligible(ChatCall call, String model) {
    if (!call.key.allowsModel(model)) {
      return false;
    }
    ChatRequest alone = call.request.routedTo(model, List.of());
    try {
      return !planner.plan(alone, call.decision().filter()).isEmpty();
    } catch (GatewayError ineligible) {
      return false;
    }
  }

  /**
   * The planner's own refusal of the whole pool, which names what removed each model's deployments;
   * or, when only the key's allowed models did, a 403 saying so.
   */
  private GatewayError noneEligible(ChatCall call) {
    List<String> all = pool.all();
    try {
      planner.plan(
          call.request.routedTo(all.getFirst(), all.subList(1, all.size())),
          call.decision().filter());
    } catch (GatewayError refused) {
      return refused;
    } catch (RuntimeException empty) {
      // An empty pool: the message below says so.
    }
    return GatewayError.builder(
            ErrorKind.FORBIDDEN,
            "switchboard/auto: this key may use none of the auto pool ("
                + String.join(", ", all)
                + "); it may use: "
                + String.join(", ", call.key.rules().models()))
        .param("model")
        .build();
  }

  private WorkerExecutor scoring() {
    WorkerExecutor executor = scoring;
    if (executor == null) {
      // Two event loops racing here get the same shared pool: Vert.x counts its users.
      executor =
          vertx.createSharedWorkerExecutor(SCORING, Runtime.getRuntime().availableProcessors());
      scoring = executor;
    }
    return executor;
  }
}
