package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TestBackground {

  private static <T> Background<T> started(String name, Supplier<T> work) {
    Background<T> background =
        new Background<>(name) {
          @Override
          protected T compute() {
            return work.get();
          }
        };
    background.start();
    return background;
  }

  @Test
  void givesTheValueOnADaemonThreadOfItsName() {
    Background<String> background = started("lcscan-test", () -> Thread.currentThread().getName());

    assertThat(background.await()).isEqualTo("lcscan-test");
    assertThat(background.isDaemon()).isTrue();
    // awaited again, the same value
    assertThat(background.await()).isEqualTo("lcscan-test");
  }

  @Test
  void rethrowsWhatTheWorkThrewAsItWasThrown() {
    IllegalStateException exception = new IllegalStateException("bad catalog");
    AssertionError error = new AssertionError("broken");

    assertThatThrownBy(
            started(
                    "a",
                    () -> {
                      throw exception;
                    })
                ::await)
        .isSameAs(exception);
    assertThatThrownBy(
            started(
                    "b",
                    () -> {
                      throw error;
                    })
                ::await)
        .isSameAs(error);
  }

  @Test
  void keepsTheWaitersInterruptAndStillWaits() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Background<Integer> background =
        started(
            "c",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return 42;
            });
    Thread.currentThread().interrupt();
    release.countDown();

    assertThat(background.await()).isEqualTo(42);
    assertThat(Thread.interrupted()).isTrue();
  }
}
