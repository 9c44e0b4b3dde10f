package io.lcscan.provider.aws;

import static io.lcscan.provider.aws.AwsStubServer.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime's answer to each fault, with the real SDK against WireMock: the call log says what
 * happened, and a coverage gap names the type and region that could not be seen.
 */
@Timeout(20)
class TestAwsRuntimeFaults {
  private static final List<String> TOKYO = List.of("ap-northeast-1");

  @Test
  void retriesThrottlingExceptionAndSucceeds() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/throttled-then-ok", TOKYO);
    assertThat(sink.gaps()).isEmpty();
    CallRecord call = listKeys(sink);
    assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
    assertThat(call.attempts()).isEqualTo(3);
    assertThat(call.requestId()).isEqualTo("22222222-0000-4000-8000-000000000002");
  }

  @Test
  void throttlingPastTheRetriesIsAThrottledGap() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/throttled-always", TOKYO);
    CallRecord call = listKeys(sink);
    assertThat(call.outcome()).isEqualTo(CallOutcome.THROTTLED);
    assertThat(call.attempts()).isEqualTo(3);
    assertThat(call.errorCode()).isEqualTo("ThrottlingException");
    assertThat(call.httpStatus()).isEqualTo(400);
    assertThat(sink.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.reason()).isEqualTo(GapReason.THROTTLED);
              assertThat(gap.resourceType()).isEqualTo("aws.kms.key");
              assertThat(gap.account()).isEqualTo(ACCOUNT);
              assertThat(gap.region()).isEqualTo("ap-northeast-1");
              assertThat(gap.detail())
                  .contains("kms:ListKeys", "ThrottlingException", "3 attempts");
            });
  }

  @Test
  void honoursRetryAfterSecondsOn429() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/retry-after-429", TOKYO);
    assertThat(sink.gaps()).isEmpty();
    CallRecord call = listKeys(sink);
    assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
    assertThat(call.attempts()).isEqualTo(2);
    assertThat(call.durationMillis()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void honoursRetryAfterOn503FromEc2() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "ec2/retry-after-503")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(), server.scope(TOKYO, List.of()), AwsProbeCollector.ec2());
      assertThat(sink.gaps()).isEmpty();
      CallRecord call = call(sink, "DescribeVolumes");
      assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
      assertThat(call.attempts()).isEqualTo(2);
      assertThat(call.durationMillis()).isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void retryAfterBeyondTheLimitEndsAtOnce() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/retry-after-too-long", TOKYO);
    CallRecord call = listKeys(sink);
    assertThat(call.outcome()).isEqualTo(CallOutcome.THROTTLED);
    assertThat(call.attempts()).isEqualTo(1);
    assertThat(call.httpStatus()).isEqualTo(429);
    assertThat(sink.gaps()).extracting(CoverageGap::reason).containsExactly(GapReason.THROTTLED);
    assertThat(sink.gaps().get(0).detail()).contains("Retry-After 3600s");
  }

  @Test
  void retriesAServerErrorAndSucceeds() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/server-error-then-ok", TOKYO);
    assertThat(sink.gaps()).isEmpty();
    CallRecord call = listKeys(sink);
    assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
    assertThat(call.attempts()).isEqualTo(2);
  }

  @Test
  void aCallThatDoesNotAnswerTimesOut() throws Exception {
    AwsProviderConfig config = AwsStubServer.fastConfig();
    config.getRuntime().setCallTimeout(Duration.ofMillis(300));
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/slow")) {
      InMemoryCollectionSink sink =
          server.scan(config, server.scope(TOKYO, List.of()), AwsProbeCollector.kms());
      CallRecord call = listKeys(sink);
      assertThat(call.outcome()).isEqualTo(CallOutcome.TIMEOUT);
      // given up after the timeout, not after the 2 s the endpoint takes, and not retried
      assertThat(call.durationMillis()).isBetween(250L, 1900L);
      assertThat(call.attempts()).isEqualTo(1);
      assertThat(sink.gaps()).extracting(CoverageGap::reason).containsExactly(GapReason.TIMEOUT);
    }
  }

  @Test
  void accessDeniedInOneRegionIsAGapThereOnly() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "ec2/regions", "ec2/denied-one-region")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(List.of("ap-northeast-1", "ap-northeast-3"), List.of()),
              AwsProbeCollector.ec2());
      assertThat(sink.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                assertThat(gap.region()).isEqualTo("ap-northeast-3");
                assertThat(gap.resourceType()).isEqualTo("aws.ec2.volume");
                assertThat(gap.detail()).contains("UnauthorizedOperation", "HTTP 403");
              });
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("DescribeVolumes"))
          .extracting(CallRecord::region, CallRecord::outcome, CallRecord::attempts)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("ap-northeast-1", CallOutcome.OK, 1),
              org.assertj.core.groups.Tuple.tuple("ap-northeast-3", CallOutcome.DENIED, 1));
      assertThat(call(sink, "DescribeVolumes", "ap-northeast-3").requestId())
          .isEqualTo("0f1d2c3b-0000-4000-8000-00000000dead");
    }
  }

  @Test
  void aBodyThatDoesNotParseIsMalformed() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/malformed", TOKYO);
    assertThat(listKeys(sink).outcome()).isEqualTo(CallOutcome.ERROR);
    assertThat(sink.gaps())
        .extracting(CoverageGap::reason)
        .containsExactly(GapReason.MALFORMED_RESPONSE);
  }

  @Test
  void anXmlBodyThatDoesNotParseIsMalformed() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "ec2/malformed")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(), server.scope(TOKYO, List.of()), AwsProbeCollector.ec2());
      assertThat(sink.gaps())
          .extracting(CoverageGap::reason)
          .containsExactly(GapReason.MALFORMED_RESPONSE);
    }
  }

  @Test
  void aRepeatedPaginationTokenStopsTheListing() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/endless-token", TOKYO);
    assertThat(sink.calls()).filteredOn(call -> call.operation().equals("ListKeys")).hasSize(2);
    assertThat(sink.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.reason()).isEqualTo(GapReason.MALFORMED_RESPONSE);
              assertThat(gap.detail()).contains("pagination token");
            });
  }

  @Test
  void aListingThatNeverEndsIsCutOffAtTheLimit() throws Exception {
    InMemoryCollectionSink sink = scanKms("kms/endless-pages", TOKYO);
    assertThat(sink.calls()).filteredOn(call -> call.operation().equals("ListKeys")).hasSize(50);
    assertThat(sink.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.reason()).isEqualTo(GapReason.ERROR);
              assertThat(gap.detail()).contains("after 50");
            });
  }

  @Test
  void anOptInRegionThatIsNotEnabledIsAGapWithoutCalls() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(List.of("ap-east-1", "ap-northeast-1"), List.of()),
              AwsProbeCollector.kms());
      assertThat(sink.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.reason()).isEqualTo(GapReason.UNREACHABLE);
                assertThat(gap.region()).isEqualTo("ap-east-1");
                assertThat(gap.detail()).contains("not enabled");
              });
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListKeys"))
          .extracting(CallRecord::region)
          .containsExactly("ap-northeast-1");
    }
  }

  @Test
  void anUnreachableEndpointIsAGapForEverything() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    java.util.HashMap<String, String> keys = new java.util.HashMap<>();
    keys.put(AwsScopeKeys.HOME_REGION, "ap-northeast-1");
    io.lcscan.spi.Scope scope =
        new io.lcscan.spi.Scope(
            "aws",
            List.of(),
            TOKYO,
            List.of(),
            Map.copyOf(keys),
            URI.create("http://localhost:" + port));
    InMemoryCollectionSink sink = new InMemoryCollectionSink();
    new AwsProvider(AwsStubServer.fastConfig(), List.of(AwsProbeCollector.kms()))
        .collect(scope, sink);
    assertThat(sink.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.reason()).isEqualTo(GapReason.UNREACHABLE);
              assertThat(gap.region()).isEqualTo("*");
              assertThat(gap.resourceType()).isEqualTo("aws.kms.key");
            });
    assertThat(sink.calls())
        .singleElement()
        .satisfies(call -> assertThat(call.operation()).isEqualTo("GetCallerIdentity"));
  }

  private static InMemoryCollectionSink scanKms(String scenario, List<String> regions)
      throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", scenario)) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(regions, List.of()),
              AwsProbeCollector.kms());
      AwsReadOnlyAssertions.assertReadOnly(server.wireMock());
      return sink;
    }
  }

  private static CallRecord listKeys(InMemoryCollectionSink sink) {
    return call(sink, "ListKeys");
  }

  private static CallRecord call(InMemoryCollectionSink sink, String operation) {
    return sink.calls().stream()
        .filter(call -> call.operation().equals(operation))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + operation + " call in " + sink.calls()));
  }

  private static CallRecord call(InMemoryCollectionSink sink, String operation, String region) {
    return sink.calls().stream()
        .filter(call -> call.operation().equals(operation) && call.region().equals(region))
        .findFirst()
        .orElseThrow();
  }
}
