package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lcscan verify DIR}: an intact bundle, every kind of change, and manifests it refuses. */
class TestVerifyCommand {

  private final CliRunner cli = new CliRunner();

  // one bundle for the class, copied for each test, which then changes its copy
  @TempDir static Path written;

  @TempDir Path temp;

  private Path bundle;
  private int listed;

  @BeforeAll
  static void writeBundle() {
    CliRunner.Result scan =
        new CliRunner()
            .run(
                "evaluate",
                CliRunner.resource("inventory-small.json").toString(),
                "--config",
                CliRunner.smallConfig(),
                "--evidence",
                written.resolve("bundle").toString());
    assertThat(scan.exitCode()).as(scan.err()).isEqualTo(ExitCodes.CLEAN);
  }

  @BeforeEach
  void copyBundle() throws IOException {
    Path source = written.resolve("bundle");
    bundle = temp.resolve("bundle");
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Files.copy(path, bundle.resolve(source.relativize(path).toString()));
      }
    }
    listed = EvidenceTesting.manifest(bundle).path("files").size();
  }

  @Test
  void intactBundleVerifies() throws Exception {
    CliRunner.Result result = cli.run("verify", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.err()).isEmpty();
    assertThat(listed).isGreaterThan(10);
    assertThat(result.out())
        .isEqualTo(
            "verified "
                + listed
                + " files of "
                + bundle
                + " (manifest sha256 "
                + TestEvidenceBundle.sha256(Files.readAllBytes(bundle.resolve("manifest.json")))
                + ")\n");
  }

  @Test
  void oneChangedByteIsFound() throws Exception {
    Path findings = bundle.resolve("findings.json");
    byte[] content = Files.readAllBytes(findings);
    // same size, one bit of one byte in the middle
    content[content.length / 2] ^= 0x01;
    Files.write(findings, content);

    CliRunner.Result result = cli.run("verify", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(VerifyCommand.CHANGED);
    assertThat(result.out()).isEqualTo("changed: findings.json\n");
    assertThat(result.err())
        .isEqualTo("lcscan: " + bundle + ": 1 of its files differ from manifest.json\n");
  }

  @Test
  void everyChangedMissingAndAddedFileIsNamedOncePerLine() throws Exception {
    Files.writeString(
        bundle.resolve("config/waivers.yaml"),
        "waivers: []\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(bundle.resolve("calls.jsonl"));
    Files.delete(bundle.resolve("config/types/aws.kms.key.json"));
    Files.createDirectories(bundle.resolve("raw/aws"));
    Files.writeString(bundle.resolve("raw/aws/extra.xml"), "<added/>");
    Files.writeString(bundle.resolve("notes.txt"), "added");
    // an empty folder is not a file, and holds no evidence
    Files.createDirectories(bundle.resolve("empty"));

    CliRunner.Result result = cli.run("verify", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(VerifyCommand.CHANGED);
    assertThat(result.out().lines())
        .containsExactly(
            "missing: calls.jsonl",
            "missing: config/types/aws.kms.key.json",
            "changed: config/waivers.yaml",
            "added: notes.txt",
            "added: raw/aws/extra.xml");
    assertThat(result.err()).contains("5 of its files differ").hasLineCount(1);
  }

  @Test
  void aFileReplacedByALinkIsChanged() throws Exception {
    Path inventory = bundle.resolve("inventory.json");
    Path copy = Files.copy(inventory, temp.resolve("inventory-copy.json"));
    Files.delete(inventory);
    Files.createSymbolicLink(inventory, copy);

    CliRunner.Result result = cli.run("verify", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(VerifyCommand.CHANGED);
    assertThat(result.out()).isEqualTo("changed: inventory.json\n");
  }

  @Test
  void missingOrMalformedManifestIsOneLineAndExitTwo() throws Exception {
    Path manifest = bundle.resolve("manifest.json");
    String good = Files.readString(manifest, UTF_8);
    Path notABundle = Files.createDirectory(temp.resolve("plain"));

    CliRunner.Result none = cli.run("verify", notABundle.toString());
    CliRunner.Result missingDir = cli.run("verify", temp.resolve("nowhere").toString());
    Files.writeString(manifest, good.substring(0, good.length() / 2));
    CliRunner.Result truncated = cli.run("verify", bundle.toString());
    Files.writeString(manifest, good.replace("\"lcscan-evidence\"", "\"something-else\""));
    CliRunner.Result wrongFormat = cli.run("verify", bundle.toString());
    Files.writeString(
        manifest, good.replace("\"path\": \"calls.jsonl\"", "\"path\": \"../calls.jsonl\""));
    CliRunner.Result escaping = cli.run("verify", bundle.toString());
    Files.writeString(manifest, good.replace("\"formatVersion\": 1", "\"formatVersion\": 9"));
    CliRunner.Result newer = cli.run("verify", bundle.toString());
    Files.writeString(
        manifest, good.replaceFirst("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"xyz\""));
    CliRunner.Result badHash = cli.run("verify", bundle.toString());
    Files.writeString(manifest, good.replace("\"files\"", "\"filez\""));
    CliRunner.Result noFiles = cli.run("verify", bundle.toString());

    assertThat(none.err())
        .isEqualTo(
            "lcscan: " + notABundle + ": no manifest.json (not an lcscan evidence bundle)\n");
    assertThat(missingDir.err())
        .isEqualTo("lcscan: " + temp.resolve("nowhere") + ": no such directory\n");
    assertThat(truncated.err()).startsWith("lcscan: " + manifest + ":");
    assertThat(wrongFormat.err())
        .isEqualTo(
            "lcscan: "
                + manifest
                + ": format is not 'lcscan-evidence' (not an lcscan evidence bundle)\n");
    assertThat(escaping.err()).contains(".path '../calls.jsonl' has an empty, '.' or '..' segment");
    assertThat(newer.err()).contains("unsupported formatVersion 9 (this lcscan reads 1)");
    assertThat(badHash.err())
        .contains("files[0].sha256 is missing or not a lower-case hex SHA-256");
    assertThat(noFiles.err()).contains("files is missing or not a list");
    for (CliRunner.Result result :
        List.of(none, missingDir, truncated, wrongFormat, escaping, newer, badHash, noFiles)) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err()).hasLineCount(1).doesNotContain("Exception", "\tat ");
      assertThat(result.out()).isEmpty();
    }
  }
}
