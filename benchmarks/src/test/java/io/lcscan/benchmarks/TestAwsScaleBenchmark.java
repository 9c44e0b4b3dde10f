package io.lcscan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.provider.aws.AwsProviderConfig;
import org.junit.jupiter.api.Test;

/**
 * The scale benchmark at its smoke size: the generated organization is scanned completely (every
 * account, region and resource, no gaps), and every request the server saw is in the call log.
 * Correctness only; timings belong to the benchmark itself.
 */
class TestAwsScaleBenchmark {
  @Test
  void smokeSizeIsCollectedCompletelyWithoutGaps() throws Exception {
    AwsScaleBenchmark.Result result = AwsScaleBenchmark.run(2, 1, 50, 5, new AwsProviderConfig());

    assertThat(result.gaps()).isEmpty();
    assertThat(result.resourcesByType()).isEqualTo(result.expectedByType());
    assertThat(result.resources())
        .isEqualTo(result.expectedByType().values().stream().mapToLong(Long::longValue).sum());
    // 2 accounts x 1 region x the mix (at least one of each kind), plus what each account reports
    assertThat(result.expectedByType())
        .containsEntry("aws.ec2.volume", 24L)
        .containsEntry("aws.logs.log-group", 20L)
        .containsEntry("aws.s3.bucket", 4L)
        .containsEntry("aws.organizations.account", 2L);
    assertThat(result.resources()).isEqualTo(112);
    assertThat(result.attempts()).isEqualTo(result.httpRequests());
    assertThat(result.calls()).isGreaterThan(200);
  }

  @Test
  void accountsAndRegionsAreToldApartBySigningKeyAndScope() throws Exception {
    FakeAwsOrganization organization = new FakeAwsOrganization(3, 2, 10);
    String member = "210000001001";
    FakeAwsOrganization.Answer denied =
        organization.answer(
            call("AKIA" + "999999999999" + "BASE", "us-east-1", "ec2", "Action=DescribeVolumes"));
    assertThat(denied.status()).isEqualTo(403);
    FakeAwsOrganization.Answer assumed =
        organization.answer(
            call(
                organization.managementAccessKey(),
                "us-east-1",
                "sts",
                "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A"
                    + member
                    + "%3Arole%2FOrganizationAccountAccessRole"));
    assertThat(assumed.body()).contains("<AccessKeyId>ASIA" + member + "ROLE</AccessKeyId>");
    FakeAwsOrganization.Answer volumes =
        organization.answer(
            call("ASIA" + member + "ROLE", "eu-west-1", "ec2", "Action=DescribeVolumes"));
    assertThat(volumes.status()).isEqualTo(200);
    // account 1, region 1: every volume id carries both
    assertThat(volumes.body()).contains("<volumeId>vol-0101").doesNotContain("vol-0000");
  }

  private static FakeAwsOrganization.Call call(
      String key, String region, String service, String form) {
    return new FakeAwsOrganization.Call(
        "POST",
        "/",
        java.util.Map.of(),
        java.util.Map.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + key
                + "/20261126/"
                + region
                + "/"
                + service
                + "/aws4_request, SignedHeaders=host, Signature=00",
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8"),
        form);
  }
}
