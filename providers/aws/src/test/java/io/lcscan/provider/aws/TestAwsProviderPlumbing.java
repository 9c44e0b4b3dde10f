package io.lcscan.provider.aws;

import static io.lcscan.provider.aws.AwsStubServer.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.CallRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAwsProviderPlumbing {
  @Test
  void discoversEnabledRegionsAndSkipsOptInOnes() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(List.of("all"), List.of()),
              AwsProbeCollector.kms());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListKeys"))
          .extracting(CallRecord::region)
          .containsExactlyInAnyOrder("ap-northeast-1", "ap-northeast-3", "us-east-1");
      assertThat(sink.calls()).extracting(CallRecord::outcome).containsOnly(CallOutcome.OK);
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("GetCallerIdentity"))
          .singleElement()
          .satisfies(
              call ->
                  assertThat(call.requestId()).isEqualTo("01234567-89ab-cdef-0123-456789abcdef"));
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListKeys"))
          .allSatisfy(call -> assertThat(call.account()).isEqualTo(ACCOUNT));
      AwsReadOnlyAssertions.assertReadOnly(server.wireMock());
    }
  }

  @Test
  void tellsWhoTheScanRunsAs() {
    try (AwsStubServer server = new AwsStubServer("sts/caller")) {
      AwsProvider provider = new AwsProvider(AwsStubServer.fastConfig(), List.of());
      assertThat(provider.callerIdentity(server.scope(List.of(), List.of())))
          .contains("arn:aws:sts::123456789012:assumed-role/lcscan-audit/lcscan");
    }
  }

  @Test
  void emptyRegionsMeanEveryEnabledRegion() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(List.of(), List.of()),
              AwsProbeCollector.kms());
      assertThat(sink.calls()).filteredOn(call -> call.operation().equals("ListKeys")).hasSize(3);
    }
  }
}
