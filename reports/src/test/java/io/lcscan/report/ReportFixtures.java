package io.lcscan.report;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Framework;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Classification;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Phase;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small, hand-built result and catalog: two controls, five findings, one gap. */
public final class ReportFixtures {

  static final String KEY =
      "arn:aws:kms:ap-northeast-1:123456789012:key/1111aaaa-1111-1111-1111-111111111111";

  private ReportFixtures() {}

  public static Catalog catalog() {
    Control encryption =
        new Control(
            "LC-BUILD-01",
            Phase.BUILD,
            Severity.HIGH,
            new Localized("Encryption at rest is on by default", "保存データが既定で暗号化されている"),
            null,
            List.of(
                new ClauseRef(
                    "iso27017",
                    "10.1.1",
                    new Localized("Policy on the use of cryptographic controls", "暗号による管理策の利用方針"),
                    true)),
            new Localized("Unencrypted data is readable.", "暗号化されていないデータは読める。"),
            new Localized("Turn on default encryption.", "既定の暗号化を有効にする。"),
            List.of(new Localized("Default encryption setting", "既定の暗号化設定")),
            Map.of("aws.s3.bucket", "resource.attributes.encryption.enabled"),
            false,
            Map.of(),
            List.of(),
            "config/controls/build/LC-BUILD-01.yaml");
    Control keys =
        new Control(
            "LC-DISP-02",
            Phase.DISPOSAL,
            Severity.CRITICAL,
            new Localized("Keys have a deletion window", "鍵に削除猶予期間が設定されている"),
            Classification.C2,
            List.of(
                new ClauseRef(
                    "unified-standards-2021", "5.2.4", new Localized("Disposal", "破棄"), false)),
            new Localized("A deleted key cannot be recovered.", "削除された鍵は復旧できない。"),
            new Localized("Set a deletion window.", "削除猶予期間を設定する。"),
            List.of(new Localized("DescribeKey metadata", "DescribeKey のメタデータ")),
            Map.of("aws.kms.key", "resource.attributes.deletion.windowDays >= 30"),
            false,
            Map.of(),
            List.of(),
            "config/controls/disposal/LC-DISP-02.yaml");
    Framework iso =
        new Framework(
            "iso27017",
            new Localized("ISO/IEC 27017:2015", "ISO/IEC 27017:2015"),
            List.of(
                new Framework.Clause(
                    "10.1.1",
                    new Localized("Policy on the use of cryptographic controls", "暗号"),
                    true,
                    List.of("LC-BUILD-01"))));
    return new Catalog(List.of(keys, encryption), List.of(iso), Map.of(), Map.of(), "ab12cd34ef56");
  }

  public static ScanResult result() {
    ScanMetadata metadata =
        new ScanMetadata(
            "scan-0001",
            "live",
            "arn:aws:sts::123456789012:assumed-role/lcscan/test",
            List.of(Scope.of("aws")),
            Instant.parse("2026-11-25T23:50:00Z"),
            Instant.parse("2026-11-25T23:55:00Z"),
            "0.1.0");
    List<Finding> findings =
        List.of(
            // deliberately not in report order
            finding(
                "LC-DISP-02",
                Status.FAIL,
                Severity.CRITICAL,
                Phase.DISPOSAL,
                "aws.kms.key",
                KEY,
                "deletion.windowDays=7 (settings.keyDeleteWindowMinDays=30)",
                Map.of("deletion.windowDays", IntNode.valueOf(7))),
            finding(
                "LC-BUILD-01",
                Status.PASS,
                Severity.HIGH,
                Phase.BUILD,
                "aws.s3.bucket",
                "arn:aws:s3:::records",
                null,
                Map.of("encryption.enabled", BooleanNode.TRUE)),
            finding(
                "LC-BUILD-01",
                Status.FAIL,
                Severity.HIGH,
                Phase.BUILD,
                "aws.s3.bucket",
                "arn:aws:s3:::public-site",
                "encryption.enabled=false",
                Map.of("encryption.enabled", BooleanNode.FALSE)),
            finding(
                "LC-BUILD-01",
                Status.ERROR,
                Severity.HIGH,
                Phase.BUILD,
                "aws.s3.bucket",
                "arn:aws:s3:::unknown",
                "encryption.enabled is absent: the source did not report it",
                Map.of("name", TextNode.valueOf("unknown"))),
            finding(
                "LC-DISP-02",
                Status.NOT_APPLICABLE,
                Severity.CRITICAL,
                Phase.DISPOSAL,
                "aws.kms.key",
                KEY + "-aws",
                "AWS-managed key",
                Map.of()));
    List<CoverageGap> gaps =
        List.of(
            new CoverageGap(
                "aws",
                "123456789012",
                "us-east-1",
                "aws.kms.key",
                "kms",
                GapReason.ACCESS_DENIED,
                "kms:ListKeys AccessDenied"));
    return new ScanResult(
        metadata,
        findings,
        gaps,
        false,
        "2026.11.0",
        "ab12cd34ef56",
        Instant.parse("2026-11-26T00:00:00Z"));
  }

  public static ReportModel model(String language) {
    return ReportModel.of(result(), catalog(), language);
  }

  /** A plan file as a URI reference, as the CLI encodes it (the space is %20). */
  public static final String PLAN = "plans/prod%20plan.json";

  /**
   * The small model plus one finding of every other status (WAIVED, MANUAL, an account-wide one)
   * and the source locations a plan scan gives, for the formats that show them.
   */
  public static ReportModel modelWithEveryStatus(String language) {
    ScanResult small = result();
    List<Finding> findings = new java.util.ArrayList<>(small.findings());
    findings.add(
        new Finding(
            "LC-BUILD-01",
            Status.WAIVED,
            Severity.HIGH,
            Phase.BUILD,
            "aws",
            "123456789012",
            "ap-northeast-1",
            "aws.s3.bucket",
            "module.legacy.aws_s3_bucket.exports[\"2019\"]",
            "legacy-exports-2019",
            Classification.C2,
            "encryption.enabled=false",
            Map.of("encryption.enabled", BooleanNode.FALSE),
            new Finding.WaiverRef(
                "WVR-7",
                "ciso@example.go.jp",
                "SEC-1234",
                "2027-03-31",
                false,
                "read-only archive, migrated in FY2026")));
    findings.add(
        new Finding(
            "LC-DISP-02",
            Status.MANUAL,
            Severity.CRITICAL,
            Phase.DISPOSAL,
            "aws",
            "123456789012",
            "global",
            null,
            null,
            null,
            null,
            "manual check: attach the key destruction record",
            Map.of(),
            null));
    ScanResult result =
        new ScanResult(
            small.metadata(),
            findings,
            small.gaps(),
            small.complete(),
            small.catalogVersion(),
            small.catalogDigest(),
            small.evaluatedAt());
    return ReportModel.of(result, catalog(), language)
        .withLocations(
            Map.of(
                "arn:aws:s3:::public-site",
                new SourceLocation(PLAN, 120, 5, ""),
                "module.legacy.aws_s3_bucket.exports[\"2019\"]",
                new SourceLocation(PLAN, 245, 5, "module.legacy")));
  }

  private static Finding finding(
      String control,
      Status status,
      Severity severity,
      Phase phase,
      String type,
      String id,
      String message,
      Map<String, com.fasterxml.jackson.databind.JsonNode> evidence) {
    return new Finding(
        control,
        status,
        severity,
        phase,
        "aws",
        "123456789012",
        "ap-northeast-1",
        type,
        id,
        id.substring(id.lastIndexOf(':') + 1),
        Classification.C3,
        message,
        evidence,
        null);
  }
}
