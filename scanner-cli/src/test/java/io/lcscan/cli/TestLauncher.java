package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lcscan, run against a stand-in JDK whose {@code java} records its arguments: the JVM options
 * of each run kind, and when the class-data archive is written, used and written again.
 */
class TestLauncher {

  private static final Path LAUNCHER = Path.of("..", "bin", "lcscan").toAbsolutePath().normalize();

  @TempDir Path dir;
  private Path jdk;
  private Path jar;
  private Path cache;
  private Path argsFile;

  @BeforeEach
  void standInJdk() throws IOException {
    jdk = dir.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Path java = jdk.resolve("bin/java");
    // records its arguments, writes the archive a JDK 17 would be asked for, exits as told
    Files.writeString(
        java,
        """
        #!/usr/bin/env bash
        printf '%s\\n' "$@" > "$LAUNCH_ARGS"
        for arg in "$@"; do
          case "$arg" in -XX:ArchiveClassesAtExit=*) echo archive > "${arg#*=}" ;; esac
        done
        exit "${LAUNCH_EXIT:-0}"
        """,
        UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = dir.resolve("jars/lcscan.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not a real jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    cache = dir.resolve("cache");
    argsFile = dir.resolve("args.txt");
  }

  @Test
  void jdk17ShortRunWritesTheArchiveThenUsesItUntilTheJarChanges() throws Exception {
    release("17.0.15");

    List<String> first = launch(Map.of(), "scan", "terraform", "plan.json");
    assertThat(first).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    assertThat(first).anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit=" + cache));
    assertThat(first).noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile="));
    assertThat(first.subList(first.size() - 5, first.size()))
        .containsExactly("-jar", jar.toString(), "scan", "terraform", "plan.json");
    Path archive = onlyArchive();
    assertThat(archive.getFileName().toString()).startsWith("lcscan-short-").endsWith(".jsa");

    List<String> second = launch(Map.of(), "scan", "terraform", "plan.json");
    assertThat(second).contains("-XX:SharedArchiveFile=" + archive);
    assertThat(second).noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit="));

    // a rebuilt jar is newer than the archive
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    List<String> third = launch(Map.of(), "scan", "terraform", "plan.json");
    assertThat(third).anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(onlyArchive()).isEqualTo(archive);
  }

  @Test
  void aLiveJarNewerThanTheArchiveAlsoMakesItStale() throws Exception {
    release("17.0.15");
    launch(Map.of(), "demo");
    Path live = jar.resolveSibling("lcscan-live.jar");
    Files.writeString(live, "not a real jar either");
    Files.setLastModifiedTime(live, FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(launch(Map.of(), "demo"))
        .anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void longRunsKeepTheJvmDefaultsAndAnArchiveOfTheirOwn() throws Exception {
    release("17.0.15");

    List<String> args = launch(Map.of(), "demo");

    assertThat(args).doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseTransparentHugePages");
    assertThat(onlyArchive().getFileName().toString()).startsWith("lcscan-long-");
  }

  @Test
  void transparentHugePagesOnlyWhereTheKernelOffersThemOnRequest() throws Exception {
    release("17.0.15");
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    String mode = Files.isReadable(thp) ? Files.readString(thp) : "";
    boolean offered = mode.contains("[madvise]") || mode.contains("[always]");

    List<String> args = launch(Map.of(), "scan", "terraform", "plan.json");

    assertThat(args.contains("-XX:+UseTransparentHugePages")).isEqualTo(offered);
  }

  @Test
  void newerJdksCheckTheirOwnArchiveAndAllowProtobufsUnsafe() throws Exception {
    release("21.0.4");
    List<String> jdk21 = launch(Map.of(), "controls", "list");
    assertThat(jdk21).contains("-XX:+AutoCreateSharedArchive");
    assertThat(jdk21).anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile=" + cache));
    assertThat(jdk21).doesNotContain("--sun-misc-unsafe-memory-access=allow");

    release("25");
    assertThat(launch(Map.of(), "controls", "list"))
        .contains("-XX:+AutoCreateSharedArchive", "--sun-misc-unsafe-memory-access=allow");
  }

  @Test
  void protobufsUnsafeIsAllowedWithTheArchiveOffToo() throws Exception {
    release("25");

    List<String> args = launch(Map.of("LCSCAN_CDS", "0"), "scan", "terraform", "plan.json");

    assertThat(args).contains("--sun-misc-unsafe-memory-access=allow");
    assertThat(args).noneMatch(arg -> arg.startsWith("-Xshare") || arg.contains("Archive"));
    assertThat(cache).doesNotExist();
  }

  @Test
  void archiveOffAndJavaOptsLast() throws Exception {
    release("17.0.15");

    List<String> args = launch(Map.of("LCSCAN_CDS", "0", "JAVA_OPTS", "-Xmx1g -Dx=y"), "--help");

    assertThat(args).noneMatch(arg -> arg.startsWith("-Xshare") || arg.contains("Archive"));
    assertThat(args.subList(args.size() - 5, args.size()))
        .containsExactly("-Xmx1g", "-Dx=y", "-jar", jar.toString(), "--help");
    assertThat(cache).doesNotExist();
  }

  @Test
  void aRelativeJarPathBecomesAbsoluteForTheArchive() throws Exception {
    release("17.0.15");

    List<String> args = launch(Map.of("LCSCAN_JAR", "jars/../jars/./lcscan.jar"), "--version");

    // from the working directory as the system names it
    Path expected = dir.toRealPath().resolve("jars/lcscan.jar");
    assertThat(args).containsSubsequence("-jar", expected.toString(), "--version");
  }

  @Test
  void theJvmsExitCodeIsTheLaunchers() throws Exception {
    release("17.0.15");
    // first run: the launcher waits for the JVM to move its archive into place
    assertThat(run(Map.of("LAUNCH_EXIT", "3"), "scan", "terraform", "plan.json")).isEqualTo(3);
    // second run: the launcher has become the JVM
    assertThat(run(Map.of("LAUNCH_EXIT", "4"), "scan", "terraform", "plan.json")).isEqualTo(4);
  }

  private void release(String version) throws IOException {
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n", UTF_8);
  }

  private Path onlyArchive() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> all = files.filter(f -> !f.getFileName().toString().equals("java-home")).toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private List<String> launch(Map<String, String> env, String... args) throws Exception {
    assertThat(run(env, args)).isZero();
    return Files.readAllLines(argsFile, UTF_8);
  }

  private int run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("bash");
    builder.command().add(LAUNCHER.toString());
    builder.command().addAll(List.of(args));
    builder.directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(dir.resolve("output.txt").toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.startsWith("LCSCAN_") || key.equals("JAVA_OPTS"));
    environment.put("JAVA_HOME", jdk.toString());
    environment.put("LCSCAN_JAR", jar.toString());
    environment.put("LCSCAN_CACHE", cache.toString());
    environment.put("LAUNCH_ARGS", argsFile.toString());
    environment.putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
