package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.wire.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void mapsARawScoreToItsPercentileAndKeepsTheOrder() {
    Random random = new Random(2);
    double[] raw = new double[10_000];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.pow(random.nextDouble(), 3) * 0.6;
    }
    Calibration calibration = Calibration.of(raw);
    int above = 0;
    for (double r : raw) {
      above += calibration.apply(r) > 0.7 ? 1 : 0;
    }
    assertThat(above / (double) raw.length).isCloseTo(0.3, within(0.01));
    assertThat(calibration.apply(-1)).isZero();
    assertThat(calibration.apply(2)).isEqualTo(1);
    assertThat(calibration.apply(0.1)).isLessThan(calibration.apply(0.2));
  }

  @Test
  void aWeightsFileWithoutCalibrationKeepsTheRawScore() {
    Calibration identity = Calibration.fromJson(Json.object().path("calibration"));
    assertThat(identity.apply(0.37)).isCloseTo(0.37, within(1e-12));
  }
}
