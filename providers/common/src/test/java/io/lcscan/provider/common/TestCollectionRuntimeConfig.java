package io.lcscan.provider.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestCollectionRuntimeConfig {
  @Test
  void defaults() {
    CollectionRuntimeConfig config = new CollectionRuntimeConfig();
    assertThat(config.getGlobalConcurrency()).isEqualTo(32);
    assertThat(config.getRegionConcurrency()).isEqualTo(8);
    assertThat(config.getServiceInitialConcurrency()).isEqualTo(4);
    assertThat(config.getServiceMaxConcurrency()).isEqualTo(8);
    assertThat(config.getTaskParallelism()).isEqualTo(16);
    assertThat(config.getAccountParallelism()).isEqualTo(4);
    assertThat(config.getCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.getMaxAttempts()).isEqualTo(6);
    assertThat(config.getBackoffBase()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.getBackoffMax()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.getMaxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.getMaxPages()).isEqualTo(10_000);
    assertThat(config.getTimeoutsBeforeShortCircuit()).isEqualTo(3);
  }

  @Test
  void refusesNonsense() {
    CollectionRuntimeConfig config = new CollectionRuntimeConfig();
    assertThatThrownBy(() -> config.setGlobalConcurrency(0))
        .hasMessageContaining("globalConcurrency");
    assertThatThrownBy(() -> config.setCallTimeout(Duration.ZERO))
        .hasMessageContaining("callTimeout");
  }
}
