package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.inject.Module;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs {@link Main} in-process with captured stdout and stderr and the fixtures' fixed clock. */
final class CliRunner {

  /** The time every catalog fixture runs at. */
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  record Result(int exitCode, String out, String err) {}

  private final List<Module> modules;

  CliRunner() {
    this(List.of());
  }

  CliRunner(List<Module> modules) {
    this.modules = List.copyOf(modules);
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Module clock = binder -> binder.bind(Clock.class).toInstance(CLOCK);
    int code =
        new Main(modules, List.of(clock))
            .run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  /** A file or folder of src/test/resources, as the build copied it. */
  static Path resource(String name) {
    try {
      return Path.of(CliRunner.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource " + name, e);
    }
  }

  /** The small catalog the CLI tests use, so they do not depend on the bundled one. */
  static String smallConfig() {
    return resource("config-small").toString();
  }
}
