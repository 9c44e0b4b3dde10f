package io.lcscan.provider.aws.guardduty;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.DetectorFeatureConfigurationResult;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.GetFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsResponse;
import software.amazon.awssdk.services.guardduty.model.ListFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.OrderBy;
import software.amazon.awssdk.services.guardduty.model.SortCriteria;

/**
 * The GuardDuty detector of a region ({@code aws.guardduty.detector}) with its open HIGH and
 * CRITICAL findings counted; one resource per account and region, {@code enabled=false} without a
 * detector.
 */
public final class AwsGuardDutyDetectorCollector implements AwsCollector {
  public static final String TYPE = "aws.guardduty.detector";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("guardduty", "ListDetectors", TYPE);
  private static final CallSpec GET = CallSpec.of("guardduty", "GetDetector", TYPE);
  private static final CallSpec FINDINGS = CallSpec.of("guardduty", "ListFindings", TYPE);
  private static final CallSpec GET_FINDINGS = CallSpec.of("guardduty", "GetFindings", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, GET, FINDINGS, GET_FINDINGS);

  @Override
  public String service() {
    return "guardduty";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.REGIONAL;
  }

  @Override
  public Optional<ServiceMetadata> serviceMetadata() {
    return Optional.of(GuardDutyClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    GuardDutyClient guardDuty = context.client(GuardDutyClient.class);
    List<String> detectors = new ArrayList<>();
    boolean listed =
        context.paginate(
            LIST,
            token -> guardDuty.listDetectors(request -> request.nextToken(token)),
            ListDetectorsResponse::nextToken,
            page -> detectors.addAll(page.detectorIds()));
    if (!listed) {
      return;
    }
    String id = "aws:guardduty:" + context.region() + ":" + context.accountId() + ":detector";
    Resource.Builder resource = context.resource(TYPE, id).name("guardduty " + context.region());
    ObjectNode attributes = resource.attributes();
    if (detectors.isEmpty()) {
      attributes.put("enabled", false);
      context.emit(resource, SOURCES);
      return;
    }
    String detectorId = detectors.get(0);
    CallResult<GetDetectorResponse> detector =
        context.call(GET, () -> guardDuty.getDetector(request -> request.detectorId(detectorId)));
    if (detector.ok()) {
      attributes.put("enabled", "ENABLED".equals(detector.value().statusAsString()));
      ArrayNode features = attributes.putArray("features");
      for (DetectorFeatureConfigurationResult feature : detector.value().features()) {
        ObjectNode node = features.addObject();
        text(node, "name", feature.nameAsString());
        text(node, "status", feature.statusAsString());
      }
      resource.tags(detector.value().tags());
    }
    FindingCriteria open =
        FindingCriteria.builder()
            .criterion(
                Map.of(
                    "severity", Condition.builder().greaterThanOrEqual(7L).build(),
                    "service.archived", Condition.builder().equalsValue("false").build()))
            .build();
    List<String> findings = new ArrayList<>();
    boolean counted =
        context.paginate(
            FINDINGS,
            token ->
                guardDuty.listFindings(
                    request ->
                        request
                            .detectorId(detectorId)
                            .findingCriteria(open)
                            .sortCriteria(
                                SortCriteria.builder()
                                    .attributeName("service.eventFirstSeen")
                                    .orderBy(OrderBy.ASC)
                                    .build())
                            .maxResults(50)
                            .nextToken(token)),
            ListFindingsResponse::nextToken,
            page -> findings.addAll(page.findingIds()));
    if (counted) {
      ObjectNode summary = object(attributes, "findings");
      summary.put("openHighCritical", findings.size());
      if (!findings.isEmpty()) {
        CallResult<GetFindingsResponse> oldest =
            context.call(
                GET_FINDINGS,
                () ->
                    guardDuty.getFindings(
                        request -> request.detectorId(detectorId).findingIds(findings.get(0))));
        if (oldest.ok() && !oldest.value().findings().isEmpty()) {
          var finding = oldest.value().findings().get(0);
          String firstSeen =
              finding.service() != null && finding.service().eventFirstSeen() != null
                  ? finding.service().eventFirstSeen()
                  : finding.createdAt();
          time(summary, "oldestOpenHighCriticalAt", parse(firstSeen));
        }
      }
    }
    context.emit(resource, SOURCES);
  }

  private static Instant parse(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
