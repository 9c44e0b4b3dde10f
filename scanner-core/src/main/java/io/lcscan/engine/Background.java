package io.lcscan.engine;

/**
 * Work on a daemon thread, awaited with {@code join}: the engine's second evaluation thread, the
 * JSON report's second half, the CLI's catalog preload. A subclass rather than a {@code
 * CompletableFuture} and a lambda, whose one-time class set-up (ForkJoinPool, method handles) cost
 * the main thread of a short run about 10 ms, measured with async-profiler.
 *
 * @param <T> what the work gives
 */
public abstract class Background<T> extends Thread {

  // written before the thread ends; join() makes them visible to the waiting thread
  private T value;
  private Throwable failure;

  protected Background(String name) {
    super(name);
    // a run that stops early, on bad input, does not wait for this work
    setDaemon(true);
  }

  /** The work, on this thread. */
  protected abstract T compute();

  @Override
  public final void run() {
    try {
      value = compute();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /** Waits for the work: its value, or the exception or error it threw, as thrown. */
  public final T await() {
    boolean interrupted = false;
    while (true) {
      try {
        join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException exception) {
      throw exception;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return value;
  }
}
