package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterModelTest {
  @Test
  void theShippedWeightsAreTheTrainedVersionAndTheEmbeddingLoadsOnlyWhenScoring() {
    Embedder embedder = new Embedder();
    RouterModel model = RouterModel.fromResource(ShippedScorer.RESOURCE, embedder);
    assertThat(model.version()).isEqualTo(Training.VERSION);
    assertThat(embedder.loaded()).isFalse();
    double score = model.score("Write a haiku about autumn.");
    assertThat(embedder.loaded()).isTrue();
    assertThat(score).isBetween(0.0, 1.0);
    assertThat(model.score("Write a haiku about autumn.")).isEqualTo(score);
  }

  @Test
  void theShippedScorerAnswersItsVersion() {
    assertThat(PromptScorer.shipped().version()).isEqualTo(Training.VERSION);
  }
}
