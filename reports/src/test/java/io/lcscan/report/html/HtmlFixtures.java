package io.lcscan.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.Localized;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models for the html and csv tests: the shared fixture plus a manual control and hostile text. */
public final class HtmlFixtures {

  /** Strings a hostile account owner could put in a name, tag, message or attribute. */
  public static final List<String> XSS =
      List.of(
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "</script><script>alert(1)</script>",
          "javascript:alert(1)",
          "line\u2028separator\u2029paragraph",
          "<!--<script>",
          "'><svg onload=alert(1)>",
          "https://evil.example/x.js");

  private HtmlFixtures() {}

  public static Control manualControl() {
    return new Control(
        "LC-DISP-09",
        Phase.DISPOSAL,
        Severity.HIGH,
        new Localized("Media sanitisation is attested", "媒体の消去が証明されている"),
        null,
        List.of(
            new ClauseRef("ismap", "8.3.2", new Localized("Disposal of media", "媒体の処分"), false)),
        new Localized("The provider erases media.", "事業者が媒体を消去する。"),
        new Localized("Obtain the provider's attestation.", "事業者の証明書を入手する。"),
        List.of(),
        Map.of(),
        true,
        Map.of(
            "en", List.of("the provider's sanitisation attestation"),
            "ja", List.of("事業者の消去証明書")),
        List.of(),
        "config/controls/disposal/LC-DISP-09.yaml");
  }

  public static Catalog catalog() {
    Catalog base = ReportFixtures.catalog();
    List<Control> controls = new ArrayList<>(base.controls());
    controls.add(manualControl());
    return new Catalog(controls, base.frameworks(), Map.of(), Map.of(), base.digest());
  }

  /** Every status, an applied and a lapsed waiver, a MANUAL finding and one gap. */
  public static ReportModel model(String language) {
    ReportModel every = ReportFixtures.modelWithEveryStatus(language);
    List<Finding> findings = new ArrayList<>(every.result().findings());
    findings.add(
        finding(
            "LC-DISP-09",
            Status.MANUAL,
            Severity.HIGH,
            Phase.DISPOSAL,
            null,
            null,
            "attach the sanitisation attestation",
            Map.of(),
            null));
    findings.add(
        finding(
            "LC-BUILD-01",
            Status.FAIL,
            Severity.HIGH,
            Phase.BUILD,
            "arn:aws:s3:::old-logs",
            "old-logs",
            "encryption.enabled=false; waiver WVR-3 lapsed on 2026-01-31",
            Map.of("encryption.enabled", com.fasterxml.jackson.databind.node.BooleanNode.FALSE),
            new Finding.WaiverRef(
                "WVR-3", "isms@example.go.jp", "SEC-0999", "2026-01-31", true, "migration")));
    return ReportModel.of(
        withFindings(every.result(), findings, every.result().gaps()), catalog(), language);
  }

  /** A finished scan with no gap. */
  public static ReportModel complete(String language) {
    ScanResult small = ReportFixtures.result();
    ScanResult result =
        new ScanResult(
            small.metadata(),
            small.findings(),
            List.of(),
            true,
            small.catalogVersion(),
            small.catalogDigest(),
            small.evaluatedAt());
    return ReportModel.of(result, catalog(), language);
  }

  /** The corpus in every place a scanned account controls. */
  public static ReportModel hostile(String language) {
    List<Finding> findings = new ArrayList<>();
    int n = 0;
    for (String bad : XSS) {
      Map<String, JsonNode> evidence = new LinkedHashMap<>();
      evidence.put("tags.name", TextNode.valueOf(bad));
      evidence.put(bad, IntNode.valueOf(n));
      findings.add(
          new Finding(
              "LC-BUILD-01",
              Status.FAIL,
              Severity.HIGH,
              Phase.BUILD,
              "aws",
              "1234567890" + n,
              "ap-northeast-1",
              "aws.s3.bucket",
              "arn:aws:s3:::" + bad,
              bad,
              Classification.C2,
              "tag owner=" + bad,
              evidence,
              new Finding.WaiverRef(bad, bad, bad, bad, n % 2 == 0, bad)));
      n++;
    }
    ScanMetadata metadata =
        new ScanMetadata(
            XSS.get(0),
            "live",
            XSS.get(1),
            List.of(Scope.of("aws")),
            Instant.parse("2026-11-25T23:50:00Z"),
            Instant.parse("2026-11-25T23:55:00Z"),
            "0.1.0");
    List<CoverageGap> gaps =
        List.of(
            new CoverageGap(
                "aws", XSS.get(2), XSS.get(3), "aws.kms.key", "kms", GapReason.ERROR, XSS.get(1)));
    ScanResult result =
        new ScanResult(
            metadata,
            findings,
            gaps,
            false,
            "2026.11.0",
            "ab12cd34ef56",
            Instant.parse("2026-11-26T00:00:00Z"));
    return ReportModel.of(result, catalog(), language);
  }

  /**
   * {@code count} findings over many accounts, regions and controls, as a big nightly scan gives.
   */
  public static ReportModel large(int count) {
    List<Finding> findings = new ArrayList<>(count);
    Status[] statuses = Status.values();
    for (int i = 0; i < count; i++) {
      boolean build = i % 3 != 0;
      Status status = statuses[i % statuses.length];
      findings.add(
          new Finding(
              build ? "LC-BUILD-01" : "LC-DISP-02",
              status,
              build ? Severity.HIGH : Severity.CRITICAL,
              build ? Phase.BUILD : Phase.DISPOSAL,
              "aws",
              String.format("%012d", 100000000000L + i % 500),
              i % 2 == 0 ? "ap-northeast-1" : "ap-northeast-3",
              build ? "aws.s3.bucket" : "aws.kms.key",
              (build ? "arn:aws:s3:::bucket-" : "arn:aws:kms:ap-northeast-1:123456789012:key/k-")
                  + i,
              "資源-" + i,
              Classification.C2,
              status == Status.FAIL ? "encryption.enabled=false" : null,
              Map.of(
                  "encryption.enabled",
                  com.fasterxml.jackson.databind.node.BooleanNode.valueOf(i % 2 == 0)),
              null));
    }
    ScanResult small = ReportFixtures.result();
    return ReportModel.of(withFindings(small, findings, small.gaps()), catalog(), "ja");
  }

  private static ScanResult withFindings(
      ScanResult base, List<Finding> findings, List<CoverageGap> gaps) {
    return new ScanResult(
        base.metadata(),
        findings,
        gaps,
        gaps.isEmpty(),
        base.catalogVersion(),
        base.catalogDigest(),
        base.evaluatedAt());
  }

  private static Finding finding(
      String control,
      Status status,
      Severity severity,
      Phase phase,
      String id,
      String name,
      String message,
      Map<String, JsonNode> evidence,
      Finding.WaiverRef waiver) {
    return new Finding(
        control,
        status,
        severity,
        phase,
        "aws",
        "123456789012",
        "ap-northeast-1",
        id == null ? null : "aws.s3.bucket",
        id,
        name,
        id == null ? null : Classification.C2,
        message,
        evidence,
        waiver);
  }
}
