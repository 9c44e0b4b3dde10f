package io.lcscan.provider.aws.securityhub;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.DescribeHubResponse;
import software.amazon.awssdk.services.securityhub.model.GetFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.SortCriterion;
import software.amazon.awssdk.services.securityhub.model.SortOrder;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Security Hub in a region ({@code aws.securityhub.hub}) with its open HIGH and CRITICAL findings
 * counted. A region that is not subscribed answers InvalidAccessException: {@code enabled=false}.
 */
public final class AwsSecurityHubCollector implements AwsCollector {
  public static final String TYPE = "aws.securityhub.hub";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE =
      CallSpec.of("securityhub", "DescribeHub", TYPE).absentWhen("InvalidAccessException");
  private static final CallSpec FINDINGS = CallSpec.of("securityhub", "GetFindings", TYPE);
  private static final List<CallSpec> SOURCES = List.of(DESCRIBE, FINDINGS);

  @Override
  public String service() {
    return "securityhub";
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
    return Optional.of(SecurityHubClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    SecurityHubClient hub = context.client(SecurityHubClient.class);
    CallResult<DescribeHubResponse> described =
        context.call(DESCRIBE, () -> hub.describeHub(request -> {}));
    if (described.failed()) {
      return;
    }
    String id = "aws:securityhub:" + context.region() + ":" + context.accountId() + ":hub";
    Resource.Builder resource = context.resource(TYPE, id).name("securityhub " + context.region());
    ObjectNode attributes = resource.attributes();
    if (described.notFound() || described.value().hubArn() == null) {
      attributes.put("enabled", false);
      context.emit(resource, SOURCES);
      return;
    }
    attributes.put("enabled", true);
    time(attributes, "subscribedAt", parse(described.value().subscribedAt()));
    AwsSecurityFindingFilters filters =
        AwsSecurityFindingFilters.builder()
            .severityLabel(equal("HIGH"), equal("CRITICAL"))
            .workflowStatus(equal("NEW"), equal("NOTIFIED"))
            .recordState(equal("ACTIVE"))
            .build();
    int[] count = {0};
    AwsSecurityFinding[] oldest = {null};
    boolean counted =
        context.paginate(
            FINDINGS,
            token ->
                hub.getFindings(
                    request ->
                        request
                            .filters(filters)
                            .sortCriteria(
                                SortCriterion.builder()
                                    .field("FirstObservedAt")
                                    .sortOrder(SortOrder.ASC)
                                    .build())
                            .maxResults(100)
                            .nextToken(token)),
            GetFindingsResponse::nextToken,
            page -> {
              for (AwsSecurityFinding finding : page.findings()) {
                count[0]++;
                if (oldest[0] == null || firstSeen(finding).isBefore(firstSeen(oldest[0]))) {
                  oldest[0] = finding;
                }
              }
            });
    if (counted) {
      ObjectNode summary = object(attributes, "findings");
      summary.put("openHighCritical", count[0]);
      if (oldest[0] != null && firstSeen(oldest[0]) != Instant.MAX) {
        time(summary, "oldestOpenHighCriticalAt", firstSeen(oldest[0]));
      }
    }
    context.emit(resource, SOURCES);
  }

  private static StringFilter equal(String value) {
    return StringFilter.builder().value(value).comparison(StringFilterComparison.EQUALS).build();
  }

  private static Instant firstSeen(AwsSecurityFinding finding) {
    Instant first = parse(finding.firstObservedAt());
    if (first == null) {
      first = parse(finding.createdAt());
    }
    return first == null ? Instant.MAX : first;
  }

  private static Instant parse(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
