package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** Helpers the evidence bundle tests share. */
final class EvidenceTesting {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Well after the fixtures' clock: waivers and approvals lapse, so a reproduction must not use it.
   */
  static final Instant LATER = CliRunner.NOW.plusSeconds(86_400 * 400L);

  private EvidenceTesting() {}

  /** Runs the CLI with the engine's clock at {@code now} instead of the fixtures' time. */
  static CliRunner.Result runAt(Instant now, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Module clock = binder -> binder.bind(Clock.class).toInstance(Clock.fixed(now, ZoneOffset.UTC));
    int code =
        new Main(List.of(), List.of(clock))
            .run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new CliRunner.Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  static JsonNode manifest(Path bundle) {
    try {
      return JSON.readTree(bundle.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under the folder, as sorted relative paths with {@code /}. */
  static List<String> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whatever is in the folder besides the named entries, such as a temporary bundle left over. */
  static List<String> entriesBesides(Path folder, String... expected) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(path -> path.getFileName().toString())
          .filter(name -> !List.of(expected).contains(name))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
