package io.lcscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.ClauseRef;
import io.lcscan.catalog.Control;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Models meant to break a renderer: every status, Japanese and emoji, strings that try to end a
 * JSON string, an XML attribute, an HTML element or a CSV cell, nulls wherever the SPI allows them,
 * empty collections, every kind of evidence node, waivers, gaps and findings out of order. The
 * streaming renderers are held to the bytes of the tree-based ones on these.
 */
public final class RichFixtures {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Text a scanned account could put in a name, a tag or a message. */
  public static final List<String> HOSTILE =
      List.of(
          "</script><script>alert(1)</script>",
          "\"quoted\", 'single', back\\slash / slash",
          "=HYPERLINK(\"http://evil\")",
          "+1",
          "-2",
          "@SUM(A1)",
          "\ttab",
          "\rreturn",
          "line\nbreak\r\nand\u2028separator\u2029",
          "nul\u0000bell\u0007esc\u001b[31mdel\u007fc1\u0085",
          "日本語のリソース名・暗号化",
          "emoji 🔐🗝️ and 𠮷",
          "<!-- comment --> & &amp; ]]> <![CDATA[x]]>",
          "\uFEFFbom and \uFFFE",
          "",
          "   ");

  private RichFixtures() {}

  public static Catalog catalog() {
    List<Control> controls = new ArrayList<>();
    controls.add(
        control(
            "LC-OPS-09",
            Phase.OPERATION,
            Severity.MEDIUM,
            new Localized("Logs are kept (90 days) *and* _signed_", "ログが保管（90日）され署名されている"),
            Classification.C1,
            List.of(
                new ClauseRef("ismap", "12.4.1", null, true),
                new ClauseRef(
                    "unified-standards-2021",
                    "6.1.2(1)",
                    new Localized("Logging | <audit> #1", null),
                    false)),
            true));
    controls.add(
        control(
            "LC-ADOPT-01",
            Phase.ADOPTION,
            Severity.LOW,
            new Localized("Approved services only", ""),
            null,
            List.of(),
            false));
    controls.add(
        control("LC-NULLS-00", null, null, new Localized(null, null), null, List.of(), false));
    controls.add(
        new Control(
            "LC-BUILD-07",
            Phase.BUILD,
            Severity.CRITICAL,
            new Localized(HOSTILE.get(0), HOSTILE.get(10)),
            Classification.C3,
            List.of(new ClauseRef("iso27017", "9.4.1", new Localized("A", "あ"), true)),
            new Localized(HOSTILE.get(8), null),
            new Localized(null, null),
            List.of(new Localized("one", "一"), new Localized(HOSTILE.get(1), HOSTILE.get(11))),
            Map.of("aws.s3.bucket", "true"),
            false,
            Map.of(),
            List.of(),
            "config/controls/build/LC-BUILD-07.yaml"));
    controls.add(
        control(
            "LC-DISP-02",
            Phase.DISPOSAL,
            Severity.HIGH,
            new Localized("", "鍵"),
            null,
            List.of(),
            false));
    return new Catalog(controls, List.of(), Map.of(), Map.of(), "sha256:0123456789abcdef0123");
  }

  private static Control control(
      String id,
      Phase phase,
      Severity severity,
      Localized title,
      Classification minClassification,
      List<ClauseRef> clauses,
      boolean manual) {
    return new Control(
        id,
        phase,
        severity,
        title,
        minClassification,
        clauses,
        title.en() == null ? null : new Localized("Why " + id, "理由 " + id),
        title.en() == null ? null : new Localized("  Fix " + id + "\n", "  是正 " + id + "\n"),
        List.of(),
        manual ? Map.of() : Map.of("aws.s3.bucket", "true"),
        manual,
        Map.of(),
        List.of(),
        "config/controls/" + id + ".yaml");
  }

  /** Every kind of evidence value a tree can hold, including the ones no plan produces. */
  public static Map<String, JsonNode> everyNode() {
    ObjectNode nested = NODES.objectNode();
    // not in key order: nested objects keep their own order
    nested.put("zeta", 1);
    nested.put("alpha", "日本");
    nested.putNull("nothing");
    nested.putArray("list").add(1).add(2.5).add("x").addNull().add(true).addObject();
    nested.putObject("empty");
    nested.putArray("none");
    nested.set("deep", NODES.objectNode().set("deeper", NODES.arrayNode().add(NODES.arrayNode())));
    Map<String, JsonNode> evidence = new LinkedHashMap<>();
    evidence.put("z.text", TextNode.valueOf(HOSTILE.get(0)));
    evidence.put("a.int", IntNode.valueOf(-7));
    evidence.put("m.long", LongNode.valueOf(1L << 53));
    evidence.put("m.big", BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")));
    evidence.put("m.small-big", BigIntegerNode.valueOf(BigInteger.TEN));
    evidence.put("m.short", ShortNode.valueOf((short) 12));
    evidence.put("d.double", DoubleNode.valueOf(0.1));
    evidence.put("d.huge", DoubleNode.valueOf(1e300));
    evidence.put("d.negzero", DoubleNode.valueOf(-0.0));
    evidence.put("d.nan", DoubleNode.valueOf(Double.NaN));
    evidence.put("d.inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY));
    evidence.put("d.whole", DoubleNode.valueOf(30.0));
    evidence.put("f.float", FloatNode.valueOf(0.1f));
    evidence.put("b.decimal", DecimalNode.valueOf(new BigDecimal("1.50")));
    evidence.put("b.decimal100", DecimalNode.valueOf(new BigDecimal("100")));
    evidence.put("b.decimal0", DecimalNode.valueOf(new BigDecimal("0.000")));
    evidence.put("b.decimalexp", DecimalNode.valueOf(new BigDecimal("1.2E+5")));
    evidence.put("t.true", BooleanNode.TRUE);
    evidence.put("t.false", BooleanNode.FALSE);
    evidence.put("n.null", NullNode.instance);
    evidence.put("n.missing", MissingNode.getInstance());
    evidence.put("o.nested", nested);
    evidence.put("o.empty", NODES.objectNode());
    evidence.put("o.array", NODES.arrayNode());
    evidence.put("x.binary", BinaryNode.valueOf(new byte[] {0, 1, 2, (byte) 0xff}));
    evidence.put("x.pojo", new POJONode(new TreeMap<>(Map.of("b", 2, "a", List.of("x")))));
    evidence.put("x.pojo-time", new POJONode(Instant.parse("2026-01-02T03:04:05.123Z")));
    evidence.put("x.pojo-null", new POJONode(null));
    evidence.put("日本語.キー", TextNode.valueOf("値"));
    evidence.put("", TextNode.valueOf("empty key"));
    evidence.put(HOSTILE.get(1), TextNode.valueOf(HOSTILE.get(8)));
    return evidence;
  }

  /** Only the value kinds a plan, an inventory or a rule yields. */
  public static Map<String, JsonNode> plainNodes() {
    Map<String, JsonNode> evidence = new HashMap<>();
    for (String key :
        List.of("z.text", "a.int", "m.long", "m.big", "d.double", "d.nan", "t.true")) {
      evidence.put(key, everyNode().get(key));
    }
    evidence.put("n.null", NullNode.instance);
    ObjectNode nested = NODES.objectNode();
    nested.put("zeta", 1).put("alpha", "日本").putNull("nothing");
    nested.putArray("list").add(1).add(2.5).add("x").addNull().add(true).addObject();
    evidence.put("o.nested", nested);
    return evidence;
  }

  public static ScanResult result() {
    List<Scope> scopes =
        List.of(
            Scope.of("aws"),
            new Scope(
                "azure",
                List.of("sub-1", "サブスクリプション"),
                List.of("japaneast"),
                List.of(),
                Map.of("secret", "never written"),
                URI.create("http://localhost:8080/a%20b")),
            new Scope("", List.of(), List.of("*"), List.of("s3"), Map.of(), URI.create("")));
    ScanMetadata metadata =
        new ScanMetadata(
            "scan-" + HOSTILE.get(1),
            "plan",
            null,
            scopes,
            Instant.parse("2026-11-25T23:50:00.123456789Z"),
            null,
            "0.1.0");
    List<Finding> findings = new ArrayList<>();
    int i = 0;
    for (Status status : Status.values()) {
      for (String hostile : HOSTILE) {
        i++;
        String control =
            switch (i % 6) {
              case 0 -> "LC-OPS-09";
              case 1 -> "LC-BUILD-07";
              case 2 -> "LC-ADOPT-01";
              case 3 -> "LC-NULLS-00";
              case 4 -> "LC-UNKNOWN-99";
              default -> "LC-DISP-02";
            };
        Map<String, JsonNode> evidence =
            switch (i % 5) {
              case 0 -> everyNode();
              case 1 -> Map.of();
              case 2 -> null;
              case 3 -> plainNodes();
              default -> Map.of("only", TextNode.valueOf(hostile));
            };
        Finding.WaiverRef waiver =
            status == Status.WAIVED || i % 7 == 0
                ? new Finding.WaiverRef(
                    "WVR-" + i,
                    i % 2 == 0 ? null : "承認者 <ciso@example.go.jp>",
                    i % 3 == 0 ? null : "SEC-" + hostile,
                    i % 4 == 0 ? null : "2027-03-31",
                    i % 7 == 0,
                    i % 2 == 0 ? null : "  " + hostile + "  ")
                : null;
        boolean accountWide = i % 9 == 0;
        findings.add(
            new Finding(
                control,
                status,
                i % 8 == 0 ? null : Severity.values()[i % 4],
                i % 10 == 0 ? null : Phase.values()[i % 6],
                i % 11 == 0 ? null : "aws",
                i % 12 == 0 ? null : i % 13 == 0 ? "" : "1234567890" + (i % 2),
                i % 14 == 0 ? null : "ap-northeast-1",
                accountWide ? null : "aws.s3.bucket",
                accountWide ? null : "arn:aws:s3:::" + hostile + "-" + (100 - i),
                accountWide ? null : hostile,
                i % 3 == 0 ? null : Classification.values()[i % 3],
                i % 6 == 0 ? null : hostile,
                evidence,
                waiver));
      }
    }
    // two equal findings and one with no control at all
    findings.add(findings.get(3));
    findings.add(
        new Finding(
            null,
            Status.FAIL,
            Severity.HIGH,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    Collections.reverse(findings);
    List<CoverageGap> gaps =
        List.of(
            new CoverageGap("aws", null, null, "aws.kms.key", null, GapReason.THROTTLED, null),
            new CoverageGap(
                "aws",
                "123456789012",
                "us-east-1",
                "aws.kms.key",
                "kms",
                GapReason.ACCESS_DENIED,
                HOSTILE.get(8)),
            new CoverageGap(
                "aws", "123456789012", "us-east-1", "aws.kms.key", "kms", GapReason.ERROR, "b"),
            new CoverageGap(
                "aws", "123456789012", "us-east-1", "aws.kms.key", "kms", GapReason.ERROR, "a"),
            new CoverageGap(
                "azure", "", "*", "azure.storage.account", "storage", GapReason.UNSUPPORTED, ""));
    return new ScanResult(
        metadata, findings, gaps, false, "2026.11.0", "sha256:0123456789abcdef0123", null);
  }

  public static ReportModel model(String language) {
    return ReportModel.of(result(), catalog(), language)
        .withLocations(
            Map.of(
                "arn:aws:s3:::" + HOSTILE.get(11) + "-72",
                new SourceLocation("plans/a%20plan.json", 12, 0, "module.日本"),
                "arn:aws:s3:::" + HOSTILE.get(0) + "-83",
                new SourceLocation("file:///tmp/plan.json", 0, 0, "")));
  }

  /** A small complete scan: no gaps, no metadata, evaluated at a time with nanoseconds. */
  public static ReportModel bare(String language) {
    ScanResult result =
        new ScanResult(
            null,
            List.of(),
            null,
            true,
            null,
            null,
            Instant.parse("+10000-01-01T00:00:00.000000001Z"));
    return ReportModel.of(
        result, new Catalog(List.of(), List.of(), Map.of(), Map.of(), ""), language);
  }

  /** Findings whose evidence is a sorted map in reverse order, which databind writes as it is. */
  public static ReportModel reverseSortedEvidence() {
    TreeMap<String, JsonNode> evidence = new TreeMap<>(Collections.reverseOrder());
    evidence.put("a", IntNode.valueOf(1));
    evidence.put("b", IntNode.valueOf(2));
    ArrayNode array = NODES.arrayNode().add(1);
    evidence.put("c", array);
    Finding finding =
        new Finding(
            "LC-OPS-09",
            Status.FAIL,
            Severity.LOW,
            Phase.OPERATION,
            "aws",
            "1",
            "r",
            "t",
            "id",
            "name",
            null,
            "m",
            evidence,
            null);
    ScanResult result =
        new ScanResult(null, List.of(finding), List.of(), true, "v", "d", Instant.EPOCH);
    return ReportModel.of(result, catalog(), "en");
  }
}
