package io.lcscan.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints when each phase of a run ends, for finding where a run's time goes: set {@code
 * LCSCAN_TRACE=1}. Each line on stderr gives the milliseconds since the JVM started, since {@code
 * main}, and the phase; {@code LCSCAN_TRACE=cpu} adds the CPU time of the thread and of the
 * process, which a busy machine distorts less than the elapsed time.
 */
final class Timings {

  private static final long MAIN_NANOS = System.nanoTime();
  private static final String MODE = System.getenv("LCSCAN_TRACE");
  private static final boolean ENABLED = MODE != null;
  private static final boolean CPU = "cpu".equals(MODE);
  private static final PrintStream ERR = System.err;
  // the JVM's start as the process table records it: known to about 10 ms, enough for a trace
  private static final long JVM_TO_MAIN_MILLIS = ENABLED ? jvmToMainMillis() : 0;

  private Timings() {}

  static void mark(String phase) {
    if (ENABLED) {
      double sinceMain = (System.nanoTime() - MAIN_NANOS) / 1e6;
      ERR.printf(
          "lcscan: trace: %7.1f ms since JVM start, %7.1f ms since main [%s] %s%s%n",
          JVM_TO_MAIN_MILLIS + sinceMain,
          sinceMain,
          Thread.currentThread().getName(),
          phase,
          CPU ? cpu() : "");
    }
  }

  // read only when asked for: the management classes cost a few milliseconds to load
  private static String cpu() {
    double thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6;
    double process =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() / 1e6
            : Double.NaN;
    return String.format(" (cpu: thread %.0f ms, process %.0f ms)", thread, process);
  }

  private static long jvmToMainMillis() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(start -> Duration.between(start, Instant.now()).toMillis())
        .orElse(0L);
  }
}
