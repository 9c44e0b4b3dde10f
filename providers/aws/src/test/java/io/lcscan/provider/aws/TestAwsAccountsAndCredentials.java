package io.lcscan.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.GapReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who the scan runs as: an assumed role with an external id, and every account of an organization.
 */
class TestAwsAccountsAndCredentials {
  @Test
  void assumesTheRoleWithItsExternalIdBeforeAnything() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "sts/assume-role", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(
                  List.of("ap-northeast-1"),
                  List.of(),
                  Map.of(
                      AwsScopeKeys.ROLE_ARN, "arn:aws:iam::123456789012:role/lcscan-audit",
                      AwsScopeKeys.EXTERNAL_ID, "lcscan-7d3f")),
              AwsProbeCollector.kms());
      server.assertAllMatched();
      AwsReadOnlyAssertions.assertReadOnly(server.wireMock());
      assertThat(sink.gaps()).isEmpty();
      // every call after AssumeRole is signed with the role's temporary key
      List<LoggedRequest> requests =
          server
              .wireMock()
              .findAll(
                  com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                      com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
      assertThat(requests)
          .filteredOn(request -> !"AssumeRole".equals(AwsReadOnlyAssertions.operation(request)))
          .allSatisfy(
              request ->
                  assertThat(request.getHeader("Authorization")).contains("ASIAAUDITROLE0000001"));
      assertThat(sink.raw().keySet()).noneMatch(name -> name.contains("/sts/"));
    }
  }

  @Test
  void scansEveryActiveAccountOfTheOrganization() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "organizations/accounts", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(
                  List.of("ap-northeast-1"),
                  List.of(),
                  Map.of(AwsScopeKeys.ORGANIZATION_ROLE, "OrganizationAccountAccessRole")),
              AwsProbeCollector.kms());
      server.assertAllMatched();
      AwsReadOnlyAssertions.assertReadOnly(server.wireMock());
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListKeys"))
          .extracting(CallRecord::account)
          .containsExactlyInAnyOrder("123456789012", "210987654321");
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListAccounts"))
          .hasSize(2)
          .allSatisfy(call -> assertThat(call.region()).isEqualTo("global"));
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("AssumeRole"))
          .singleElement()
          .satisfies(call -> assertThat(call.account()).isEqualTo("210987654321"));
      // the management account is scanned with the caller's own credentials, the member with the
      // role's
      List<LoggedRequest> listKeys =
          server
              .wireMock()
              .findAll(
                  com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                          com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                      .withHeader(
                          "X-Amz-Target",
                          com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                              "TrentService.ListKeys")));
      assertThat(listKeys)
          .extracting(
              request -> request.getHeader("Authorization").contains("ASIAMEMBERACCOUNT001"))
          .containsExactlyInAnyOrder(true, false);
    }
  }

  @Test
  void aRoleThatCannotBeAssumedIsAGapForThatAccountOnly() throws Exception {
    try (AwsStubServer server =
        new AwsStubServer("sts/caller", "organizations/accounts", "ec2/regions", "kms/empty")) {
      server
          .wireMock()
          .removeStubMapping(
              server.wireMock().getStubMappings().stream()
                  .filter(
                      stub ->
                          stub.getRequest().toString().contains("OrganizationAccountAccessRole"))
                  .findFirst()
                  .orElseThrow());
      server
          .wireMock()
          .stubFor(
              com.github.tomakehurst.wiremock.client.WireMock.post("/")
                  .withFormParam(
                      "Action",
                      com.github.tomakehurst.wiremock.client.WireMock.equalTo("AssumeRole"))
                  .willReturn(
                      com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                          .withStatus(403)
                          .withHeader("Content-Type", "text/xml")
                          .withBody(
                              "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                                  + "<Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>"
                                  + "</Error><RequestId>2f1e0000-0000-4000-8000-000000000001</RequestId></ErrorResponse>")));
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(
                  List.of("ap-northeast-1"),
                  List.of(),
                  Map.of(AwsScopeKeys.ORGANIZATION_ROLE, "OrganizationAccountAccessRole")),
              AwsProbeCollector.kms());
      assertThat(sink.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.account()).isEqualTo("210987654321");
                assertThat(gap.region()).isEqualTo("*");
                assertThat(gap.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                assertThat(gap.detail()).contains("cannot assume the role");
              });
      assertThat(sink.calls())
          .filteredOn(call -> call.operation().equals("ListKeys"))
          .extracting(CallRecord::account)
          .containsExactly("123456789012");
    }
  }

  @Test
  void onlyTheServicesAskedFor() throws Exception {
    try (AwsStubServer server = new AwsStubServer("sts/caller", "ec2/regions", "kms/empty")) {
      InMemoryCollectionSink sink =
          server.scan(
              AwsStubServer.fastConfig(),
              server.scope(List.of("ap-northeast-1"), List.of("ec2")),
              AwsProbeCollector.kms());
      assertThat(sink.calls()).isEmpty();
      assertThat(sink.gaps()).isEmpty();
    }
  }
}
