package io.lcscan.provider.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestBackoff {
  @Test
  void fullJitterUnderAnExponentialCeiling() {
    Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.999999);
    assertThat(top.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(top.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(top.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(top.ceiling(10)).isEqualTo(Duration.ofSeconds(2));
    assertThat(top.ceiling(200)).isEqualTo(Duration.ofSeconds(2));
    assertThat(top.delay(3, null))
        .isLessThanOrEqualTo(Duration.ofMillis(400))
        .isGreaterThan(Duration.ofMillis(399));
    Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
    assertThat(bottom.delay(3, null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterIsAFloor() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.5);
    assertThat(backoff.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delay(5, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(800));
  }

  @Test
  void parsesRetryAfterSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-11-26T00:00:00Z");
    assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 00:00:30 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 25 Nov 2026 23:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", now).orElseThrow())
        .isGreaterThan(Duration.ofDays(365));
  }
}
