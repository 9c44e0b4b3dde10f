package io.lcscan.provider.aws.cloudfront;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsAttributes;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/** CloudFront distributions ({@code aws.cloudfront.distribution}), a global service. */
public final class AwsCloudFrontDistributionCollector implements AwsCollector {
  public static final String TYPE = "aws.cloudfront.distribution";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("cloudfront", "ListDistributions", TYPE);
  private static final CallSpec CONFIG = CallSpec.of("cloudfront", "GetDistributionConfig", TYPE);
  private static final CallSpec TAGS = CallSpec.of("cloudfront", "ListTagsForResource", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, CONFIG, TAGS);

  @Override
  public String service() {
    return "cloudfront";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.GLOBAL;
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    CloudFrontClient cloudFront = context.client(CloudFrontClient.class);
    List<DistributionSummary> distributions = new ArrayList<>();
    context.paginate(
        LIST,
        token -> cloudFront.listDistributions(request -> request.marker(token)),
        (ListDistributionsResponse page) ->
            Boolean.TRUE.equals(page.distributionList().isTruncated())
                ? page.distributionList().nextMarker()
                : null,
        page -> {
          if (page.distributionList().items() != null) {
            distributions.addAll(page.distributionList().items());
          }
        });
    context.forEach(
        distributions,
        summary -> {
          CallResult<DistributionConfig> config =
              context.call(
                  CONFIG,
                  () ->
                      cloudFront
                          .getDistributionConfig(request -> request.id(summary.id()))
                          .distributionConfig());
          if (!config.ok()) {
            return;
          }
          DistributionConfig distribution = config.value();
          Resource.Builder resource = context.resource(TYPE, summary.arn()).name(summary.id());
          ObjectNode attributes = resource.attributes();
          text(attributes, "domainName", summary.domainName());
          strings(
              attributes,
              "aliases",
              distribution.aliases() == null ? List.of() : distribution.aliases().items());
          bool(attributes, "enabled", distribution.enabled());
          text(attributes, "webAclId", distribution.webACLId());
          ObjectNode tls = object(attributes, "tls");
          text(tls, "minimumVersion", minimumVersion(distribution.viewerCertificate()));
          boolean httpsOnly =
              httpsOnly(distribution.defaultCacheBehavior().viewerProtocolPolicyAsString());
          if (distribution.cacheBehaviors() != null) {
            for (CacheBehavior behavior : distribution.cacheBehaviors().items()) {
              httpsOnly &= httpsOnly(behavior.viewerProtocolPolicyAsString());
            }
          }
          tls.put("httpsOnly", httpsOnly);
          ArrayNode origins = attributes.putArray("origins");
          for (Origin origin : distribution.origins().items()) {
            ObjectNode node = origins.addObject();
            text(node, "id", origin.id());
            text(node, "domainName", origin.domainName());
            if (origin.customOriginConfig() != null) {
              text(
                  node,
                  "protocolPolicy",
                  origin.customOriginConfig().originProtocolPolicyAsString());
              if (origin.customOriginConfig().originSslProtocols() != null) {
                strings(
                    node,
                    "sslProtocols",
                    origin.customOriginConfig().originSslProtocols().itemsAsStrings());
              }
            }
          }
          if (distribution.logging() != null) {
            object(attributes, "logging")
                .put("enabled", Boolean.TRUE.equals(distribution.logging().enabled()));
          }
          CallResult<ListTagsForResourceResponse> tags =
              context.call(
                  TAGS,
                  () -> cloudFront.listTagsForResource(request -> request.resource(summary.arn())));
          if (tags.ok() && tags.value().tags() != null) {
            resource.tags(AwsAttributes.tags(tags.value().tags().items(), Tag::key, Tag::value));
          }
          context.emit(resource, SOURCES);
        });
  }

  private static boolean httpsOnly(String policy) {
    return "https-only".equals(policy) || "redirect-to-https".equals(policy);
  }

  /** The viewer TLS floor as "1.0" .. "1.3"; the default certificate accepts TLSv1. */
  static String minimumVersion(ViewerCertificate certificate) {
    if (certificate == null || Boolean.TRUE.equals(certificate.cloudFrontDefaultCertificate())) {
      return "1.0";
    }
    String protocol = certificate.minimumProtocolVersionAsString();
    if (protocol == null) {
      return null;
    }
    if (protocol.equals("SSLv3")) {
      return "SSLv3";
    }
    if (protocol.startsWith("TLSv1.3")) {
      return "1.3";
    }
    if (protocol.startsWith("TLSv1.2")) {
      return "1.2";
    }
    if (protocol.startsWith("TLSv1.1")) {
      return "1.1";
    }
    return protocol.startsWith("TLSv1") ? "1.0" : null;
  }
}
