package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.catalog.Control;
import io.lcscan.demo.DemoAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lcscan scan aws}: its options are checked before any call, and {@code --endpoint-url}
 * against the demo account gives findings for every AWS control of the bundled catalog, in reports
 * that hold none of the account's secrets and neutralize its hostile tag values.
 */
class TestScanAwsCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path reports;

  private static DemoAccount account;
  private static CliRunner.Result scan;

  private final CliRunner cli = new CliRunner();

  @BeforeAll
  static void scanTheDemoAccount() {
    account = new DemoAccount().start();
    scan =
        new CliRunner()
            .run(
                "scan",
                "aws",
                "--endpoint-url",
                account.endpoint().toString(),
                "--format",
                "table,json,sarif,junit,csv,html",
                "--output",
                reports + "/");
  }

  @AfterAll
  static void stop() {
    if (account != null) {
      account.close();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--external-id=abc | lcscan: --external-id needs --role-arn or --organization",
        "--role-arn=lcscan-audit | lcscan: --role-arn must be an IAM role ARN such as"
            + " arn:aws:iam::123456789012:role/lcscan-audit, not 'lcscan-audit'",
        "--organization=arn:aws:iam::123456789012:role/x | lcscan: --organization takes the name"
            + " of the role to assume in each account, such as OrganizationAccountAccessRole, not"
            + " 'arn:aws:iam::123456789012:role/x'",
        "--accounts=12345 | lcscan: --accounts: '12345' is not a 12-digit account id",
        "--regions=all,us-east-1 | lcscan: --regions: 'all' cannot be combined with other regions",
        "--regions=tokyo | lcscan: --regions: 'tokyo' is not a region name such as"
            + " ap-northeast-1, nor 'all'",
        "--endpoint-url=localhost:4566 | lcscan: --endpoint-url must be an http or https URL such"
            + " as http://127.0.0.1:4566, not 'localhost:4566'",
      })
  void badOptionsAreOneLineAndExitTwo(String option, String message) {
    CliRunner.Result result = cli.run("scan", "aws", option);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isEqualTo(message + "\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRunner.Result result = cli.run("scan", "aws", "--region", "ap-northeast-1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("lcscan: Unknown option");
  }

  @Test
  void theDemoAccountIsIncompleteBecauseOfItsOneGap() {
    assertThat(scan.exitCode()).as(scan.err()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(scan.out())
        .contains("INCOMPLETE: 1 coverage gap(s)")
        .contains("wrote " + reports.resolve("report.txt"));
    assertThat(scan.err()).contains("lcscan: 3/3 account-region tasks");
  }

  @Test
  void findingsCoverEveryAwsControlOfTheCatalog() throws IOException {
    Set<String> awsControls = new TreeSet<>();
    for (Control control : new ConfigReader().load(Optional.empty()).catalog().controls()) {
      if (control.rules().keySet().stream().anyMatch(type -> type.startsWith("aws."))) {
        awsControls.add(control.id());
      }
    }
    assertThat(awsControls).hasSizeGreaterThan(40);

    Map<String, Set<String>> statuses = new HashMap<>();
    for (JsonNode finding : report().get("findings")) {
      statuses
          .computeIfAbsent(finding.get("controlId").asText(), id -> new HashSet<>())
          .add(finding.get("status").asText());
    }
    Set<String> evaluated = new TreeSet<>();
    statuses.forEach(
        (control, seen) -> {
          if (seen.stream().anyMatch(status -> !status.equals("ERROR"))) {
            evaluated.add(control);
          }
        });
    assertThat(evaluated).containsAll(awsControls);
    Set<String> all = new HashSet<>();
    statuses.values().forEach(all::addAll);
    assertThat(all).contains("PASS", "FAIL", "ERROR");
  }

  @Test
  void reportsHoldNoSecretOfTheAccount() throws IOException {
    // the demo's Lambda function has a password and an access key pair in its environment
    Pattern accessKeyId = Pattern.compile("AKIA[0-9A-Z]{16}");
    List<Path> files = written();
    assertThat(files).hasSize(6);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text).as(file.toString()).contains("123456789012");
      assertThat(text).as(file.toString()).doesNotContain("lcscan-demo-lambda-secret-7f3a");
      assertThat(text).as(file.toString()).doesNotContain("wJalrXUtnFEMI");
      assertThat(accessKeyId.matcher(text).find()).as(file.toString()).isFalse();
      assertThat(text.toLowerCase(Locale.ROOT))
          .as(file.toString())
          .doesNotContain("aws_secret_access_key");
    }
  }

  @Test
  void hostileTagValuesAreNeutralized() throws IOException {
    // the Tokyo orphan volume is named <script>alert(1)</script>, the us-east-1 one =HYPERLINK(...)
    String html = Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("vol-0b2b2b2b2b2b2b2b2").doesNotContain("<script>alert(1)");
    List<String> csv = Files.readAllLines(reports.resolve("report.csv"), StandardCharsets.UTF_8);
    assertThat(csv).anyMatch(line -> line.contains("HYPERLINK"));
    for (String line : csv) {
      assertThat(line).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }
  }

  private static JsonNode report() throws IOException {
    return JSON.readTree(reports.resolve("report.json").toFile());
  }

  private static List<Path> written() throws IOException {
    try (Stream<Path> files = Files.list(reports)) {
      return files.sorted().toList();
    }
  }
}
