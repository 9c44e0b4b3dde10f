package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.demo.DemoAccount;
import io.lcscan.provider.aws.AwsReadOnlyAssertions;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.testing.TypeSchemas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole demo account, collected once through the path {@code scan aws --endpoint-url} and
 * {@code demo} share ({@link ScanAwsCommand#scan}), then checked from both ends: WireMock's journal
 * (reads only, every request answered) and the inventory (schemas, regions, the one gap).
 */
class TestDemoAccount {

  private static DemoAccount account;
  private static FindingsCommand.Input input;
  private static String progress;

  @BeforeAll
  static void scanTheDemoAccount() {
    account = new DemoAccount().start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    input = ScanAwsCommand.scan(AwsScanRequest.ofEndpoint(account.endpoint().toString()), terminal);
    progress = err.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    if (account != null) {
      account.close();
    }
  }

  @Test
  void everyRequestWasARead() {
    assertThat(account.server().getAllServeEvents()).hasSizeGreaterThan(100);
    AwsReadOnlyAssertions.assertReadOnly(account.server());
  }

  @Test
  void everyRequestWasAnswered() {
    // an unmatched request is answered 404, which a collector may read as "not configured"
    List<String> unmatched = new ArrayList<>();
    account
        .server()
        .findAllUnmatchedRequests()
        .forEach(request -> unmatched.add(request.getMethod() + " " + request.getUrl()));
    assertThat(unmatched).isEmpty();
  }

  @Test
  void everyResourceMatchesItsTypeSchema() {
    List<Resource> resources = input.inventory().resources();
    assertThat(resources).hasSizeGreaterThan(50);
    TypeSchemas.assertAllValid(resources);
  }

  @Test
  void coversTheTwoEnabledRegionsAndTheGlobalServices() {
    Set<String> regions =
        input.inventory().resources().stream().map(Resource::region).collect(Collectors.toSet());
    assertThat(regions).containsExactlyInAnyOrder("ap-northeast-1", "us-east-1", "global");
    // the organization's member accounts are resources of their own accounts
    assertThat(input.inventory().resources())
        .filteredOn(resource -> !resource.type().equals("aws.organizations.account"))
        .allSatisfy(resource -> assertThat(resource.account()).isEqualTo(DemoAccount.ACCOUNT_ID));
  }

  @Test
  void theOnlyGapIsTheDeliberateAccessDenied() {
    List<CoverageGap> gaps = input.inventory().gaps();
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).region()).isEqualTo("us-east-1");
    assertThat(gaps.get(0).service()).isEqualTo("inspector2");
    assertThat(gaps.get(0).reason()).isEqualTo(GapReason.ACCESS_DENIED);
  }

  @Test
  void metadataNamesTheScanAndItsIdentity() {
    Inventory inventory = input.inventory();
    assertThat(inventory.metadata().kind()).isEqualTo("aws");
    assertThat(inventory.metadata().identity())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/lcscan-audit/lcscan");
    assertThat(inventory.metadata().startedAt()).isBefore(inventory.metadata().finishedAt());
    assertThat(inventory.calls()).hasSizeGreaterThan(100);
  }

  @Test
  void rawAnswersAreKeptRedacted() {
    assertThat(input.raw()).isNotEmpty();
    String all =
        input.raw().values().stream()
            .map(body -> new String(body, StandardCharsets.UTF_8))
            .collect(Collectors.joining("\n"));
    assertThat(all).contains("arn:aws:lambda:ap-northeast-1:123456789012:function:");
    assertThat(all).doesNotContain("lcscan-demo-lambda-secret-7f3a");
  }

  @Test
  void progressEndsWithTheFinalCounts() {
    String last = progress.lines().reduce((first, second) -> second).orElse("");
    int resources = input.inventory().resources().size();
    assertThat(last)
        .isEqualTo(
            "lcscan: 3/3 account-region tasks, "
                + String.format(java.util.Locale.ROOT, "%,d", resources)
                + " resources, 1 gap");
  }
}
