package io.lcscan.provider.aws.accessanalyzer;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.AnalyzerSummary;
import software.amazon.awssdk.services.accessanalyzer.model.Criterion;
import software.amazon.awssdk.services.accessanalyzer.model.ListAnalyzersResponse;
import software.amazon.awssdk.services.accessanalyzer.model.ListFindingsV2Response;

/**
 * IAM Access Analyzer analyzers ({@code aws.accessanalyzer.analyzer}) with ACTIVE findings counted.
 */
public final class AwsAccessAnalyzerCollector implements AwsCollector {
  public static final String TYPE = "aws.accessanalyzer.analyzer";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("access-analyzer", "ListAnalyzers", TYPE);
  private static final CallSpec FINDINGS = CallSpec.of("access-analyzer", "ListFindingsV2", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, FINDINGS);

  @Override
  public String service() {
    return "accessanalyzer";
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
    return Optional.of(AccessAnalyzerClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    AccessAnalyzerClient analyzer = context.client(AccessAnalyzerClient.class);
    List<AnalyzerSummary> analyzers = new ArrayList<>();
    context.paginate(
        LIST,
        token -> analyzer.listAnalyzers(request -> request.nextToken(token)),
        ListAnalyzersResponse::nextToken,
        page -> analyzers.addAll(page.analyzers()));
    for (AnalyzerSummary summary : analyzers) {
      Resource.Builder resource = context.resource(TYPE, summary.arn()).name(summary.name());
      resource.tags(summary.tags());
      ObjectNode attributes = resource.attributes();
      String type = summary.typeAsString();
      text(attributes, "analyzerType", type);
      text(attributes, "status", summary.statusAsString());
      if ("ACTIVE".equals(summary.statusAsString())) {
        Integer active = count(context, analyzer, summary.arn(), false);
        integer(attributes, "activeFindings", active);
        if (type != null && !type.endsWith("UNUSED_ACCESS")) {
          integer(
              attributes, "activePublicFindings", count(context, analyzer, summary.arn(), true));
        }
      }
      context.emit(resource, SOURCES);
    }
  }

  /** ACTIVE findings of the analyzer (public ones only when asked); null when not all were read. */
  private static Integer count(
      AwsCollectionContext context, AccessAnalyzerClient analyzer, String arn, boolean publicOnly)
      throws InterruptedException {
    Map<String, Criterion> filter =
        publicOnly
            ? Map.of(
                "status", Criterion.builder().eq("ACTIVE").build(),
                "isPublic", Criterion.builder().eq("true").build())
            : Map.of("status", Criterion.builder().eq("ACTIVE").build());
    int[] count = {0};
    boolean complete =
        context.paginate(
            FINDINGS,
            token ->
                analyzer.listFindingsV2(
                    request ->
                        request.analyzerArn(arn).filter(filter).maxResults(100).nextToken(token)),
            ListFindingsV2Response::nextToken,
            page -> count[0] += page.findings().size());
    return complete ? count[0] : null;
  }
}
