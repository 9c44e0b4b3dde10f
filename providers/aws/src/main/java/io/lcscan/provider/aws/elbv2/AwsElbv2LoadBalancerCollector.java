package io.lcscan.provider.aws.elbv2;

import static io.lcscan.provider.aws.AwsAttributes.integer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetWebAclForResourceResponse;

/**
 * Application, Network and Gateway Load Balancers ({@code aws.elbv2.load-balancer}) with their
 * listeners' TLS floor, attributes and web ACL.
 */
public final class AwsElbv2LoadBalancerCollector implements AwsCollector {
  public static final String TYPE = "aws.elbv2.load-balancer";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec DESCRIBE =
      CallSpec.of("elasticloadbalancing", "DescribeLoadBalancers", TYPE);
  private static final CallSpec LISTENERS =
      CallSpec.of("elasticloadbalancing", "DescribeListeners", TYPE);
  private static final CallSpec POLICIES =
      CallSpec.of("elasticloadbalancing", "DescribeSSLPolicies", TYPE);
  private static final CallSpec ATTRIBUTES =
      CallSpec.of("elasticloadbalancing", "DescribeLoadBalancerAttributes", TYPE);
  private static final CallSpec WEB_ACL =
      CallSpec.of("wafv2", "GetWebACLForResource", TYPE).absentWhen("WAFNonexistentItemException");
  private static final List<CallSpec> SOURCES =
      List.of(DESCRIBE, LISTENERS, POLICIES, ATTRIBUTES, WEB_ACL);

  @Override
  public String service() {
    return "elbv2";
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
    return Optional.of(ElasticLoadBalancingV2Client.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    ElasticLoadBalancingV2Client elb = context.client(ElasticLoadBalancingV2Client.class);
    List<LoadBalancer> balancers = new ArrayList<>();
    context.paginate(
        DESCRIBE,
        token -> elb.describeLoadBalancers(request -> request.marker(token)),
        DescribeLoadBalancersResponse::nextMarker,
        page -> balancers.addAll(page.loadBalancers()));
    Map<String, Optional<String>> policyFloors = new ConcurrentHashMap<>();
    Wafv2Client waf = context.client(Wafv2Client.class);
    context.forEach(
        balancers,
        balancer -> {
          Resource.Builder resource =
              context.resource(TYPE, balancer.loadBalancerArn()).name(balancer.loadBalancerName());
          ObjectNode attributes = resource.attributes();
          text(attributes, "type", balancer.typeAsString());
          text(attributes, "scheme", balancer.schemeAsString());
          text(
              attributes,
              "dnsName",
              balancer.dnsName() == null ? null : balancer.dnsName().toLowerCase(Locale.ROOT));
          time(attributes, "createdAt", balancer.createdTime());
          List<Listener> listeners = new ArrayList<>();
          boolean listed =
              context.paginate(
                  LISTENERS,
                  token ->
                      elb.describeListeners(
                          request ->
                              request.loadBalancerArn(balancer.loadBalancerArn()).marker(token)),
                  DescribeListenersResponse::nextMarker,
                  page -> listeners.addAll(page.listeners()));
          if (listed) {
            ArrayNode list = attributes.putArray("listeners");
            String floor = null;
            boolean floorKnown = true;
            for (Listener listener : listeners) {
              ObjectNode node = list.addObject();
              integer(node, "port", listener.port());
              text(node, "protocol", listener.protocolAsString());
              text(node, "sslPolicy", listener.sslPolicy());
              if (listener.sslPolicy() != null && !listener.sslPolicy().isEmpty()) {
                Optional<String> minimum =
                    minimumTls(context, elb, listener.sslPolicy(), policyFloors);
                if (minimum.isPresent()) {
                  node.put("minimumTlsVersion", minimum.get());
                  floor =
                      floor == null || minimum.get().compareTo(floor) < 0 ? minimum.get() : floor;
                } else {
                  floorKnown = false;
                }
              }
              boolean redirects = !listener.defaultActions().isEmpty();
              for (Action action : listener.defaultActions()) {
                redirects &=
                    "redirect".equals(action.typeAsString())
                        && action.redirectConfig() != null
                        && "HTTPS".equalsIgnoreCase(action.redirectConfig().protocol());
              }
              node.put("redirectsToHttps", redirects);
            }
            if (floor != null && floorKnown) {
              object(attributes, "tls").put("minimumVersion", floor);
            }
          }
          CallResult<DescribeLoadBalancerAttributesResponse> settings =
              context.call(
                  ATTRIBUTES,
                  () ->
                      elb.describeLoadBalancerAttributes(
                          request -> request.loadBalancerArn(balancer.loadBalancerArn())));
          if (settings.ok()) {
            for (LoadBalancerAttribute attribute : settings.value().attributes()) {
              if ("deletion_protection.enabled".equals(attribute.key())) {
                attributes.put("deletionProtection", "true".equals(attribute.value()));
              }
              if ("access_logs.s3.enabled".equals(attribute.key())) {
                object(attributes, "logging").put("enabled", "true".equals(attribute.value()));
              }
            }
          }
          if ("application".equals(balancer.typeAsString())) {
            CallResult<GetWebAclForResourceResponse> acl =
                context.call(
                    WEB_ACL,
                    () ->
                        waf.getWebACLForResource(
                            request -> request.resourceArn(balancer.loadBalancerArn())));
            if (acl.ok() && acl.value().webACL() != null) {
              text(attributes, "webAclArn", acl.value().webACL().arn());
            }
          }
          context.emit(resource, SOURCES);
        });
  }

  /** The lowest protocol of an SSL policy as "1.0" .. "1.3", asked once per policy name. */
  private static Optional<String> minimumTls(
      AwsCollectionContext context,
      ElasticLoadBalancingV2Client elb,
      String policy,
      Map<String, Optional<String>> cache)
      throws InterruptedException {
    Optional<String> known = cache.get(policy);
    if (known != null) {
      return known;
    }
    CallResult<DescribeSslPoliciesResponse> answer =
        context.call(POLICIES, () -> elb.describeSSLPolicies(request -> request.names(policy)));
    Optional<String> result = Optional.empty();
    if (answer.ok() && !answer.value().sslPolicies().isEmpty()) {
      String lowest = null;
      for (String protocol : answer.value().sslPolicies().get(0).sslProtocols()) {
        String version = tlsVersion(protocol);
        if (version != null && (lowest == null || version.compareTo(lowest) < 0)) {
          lowest = version;
        }
      }
      result = Optional.ofNullable(lowest);
    }
    cache.put(policy, result);
    return result;
  }

  static String tlsVersion(String protocol) {
    return switch (protocol) {
      case "SSLv3" -> "0.3";
      case "TLSv1" -> "1.0";
      case "TLSv1.1" -> "1.1";
      case "TLSv1.2" -> "1.2";
      case "TLSv1.3" -> "1.3";
      default -> null;
    };
  }
}
