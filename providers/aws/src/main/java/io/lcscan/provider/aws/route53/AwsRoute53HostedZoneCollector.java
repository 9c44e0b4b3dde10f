package io.lcscan.provider.aws.route53;

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
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Route 53 hosted zones ({@code aws.route53.hosted-zone}) with their record sets, a global service.
 * {@code awsAddress} is not filled: it needs AWS's published ip-ranges.json, which is not an API
 * this provider calls.
 */
public final class AwsRoute53HostedZoneCollector implements AwsCollector {
  public static final String TYPE = "aws.route53.hosted-zone";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec ZONES = CallSpec.of("route53", "ListHostedZones", TYPE);
  private static final CallSpec RECORDS = CallSpec.of("route53", "ListResourceRecordSets", TYPE);
  private static final CallSpec TAGS = CallSpec.of("route53", "ListTagsForResource", TYPE);
  private static final List<CallSpec> SOURCES = List.of(ZONES, RECORDS, TAGS);
  private static final String SEPARATOR = "\u0000";

  @Override
  public String service() {
    return "route53";
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
    Route53Client route53 = context.client(Route53Client.class);
    List<HostedZone> zones = new ArrayList<>();
    context.paginate(
        ZONES,
        token -> route53.listHostedZones(request -> request.marker(token)),
        (ListHostedZonesResponse page) ->
            Boolean.TRUE.equals(page.isTruncated()) ? page.nextMarker() : null,
        page -> zones.addAll(page.hostedZones()));
    context.forEach(
        zones,
        zone -> {
          String zoneId = zone.id().replaceFirst("^/hostedzone/", "");
          Resource.Builder resource =
              context
                  .resource(TYPE, "arn:" + context.partition() + ":route53:::hostedzone/" + zoneId)
                  .name(name(zone.name()));
          ObjectNode attributes = resource.attributes();
          text(attributes, "name", name(zone.name()));
          attributes.put(
              "private", zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone()));
          List<ResourceRecordSet> records = new ArrayList<>();
          // the next page starts at a record name, type and identifier: one token made of the three
          boolean complete =
              context.paginate(
                  RECORDS,
                  token ->
                      route53.listResourceRecordSets(
                          request -> {
                            request.hostedZoneId(zoneId);
                            if (token != null) {
                              String[] parts = token.split(SEPARATOR, -1);
                              request.startRecordName(parts[0]).startRecordType(parts[1]);
                              if (!parts[2].isEmpty()) {
                                request.startRecordIdentifier(parts[2]);
                              }
                            }
                          }),
                  (ListResourceRecordSetsResponse page) ->
                      Boolean.TRUE.equals(page.isTruncated())
                          ? page.nextRecordName()
                              + SEPARATOR
                              + page.nextRecordTypeAsString()
                              + SEPARATOR
                              + (page.nextRecordIdentifier() == null
                                  ? ""
                                  : page.nextRecordIdentifier())
                          : null,
                  page -> records.addAll(page.resourceRecordSets()));
          if (complete) {
            ArrayNode list = attributes.putArray("records");
            for (ResourceRecordSet record : records) {
              ObjectNode node = list.addObject();
              text(node, "name", name(record.name()));
              text(node, "type", record.typeAsString());
              List<String> values = new ArrayList<>();
              for (ResourceRecord value : record.resourceRecords()) {
                values.add(
                    "TXT".equals(record.typeAsString()) ? unquote(value.value()) : value.value());
              }
              strings(node, "values", values);
              if (record.aliasTarget() != null) {
                text(node, "aliasTarget", name(record.aliasTarget().dnsName()));
              }
            }
          }
          CallResult<ListTagsForResourceResponse> tags =
              context.call(
                  TAGS,
                  () ->
                      route53.listTagsForResource(
                          request ->
                              request.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)));
          if (tags.ok() && tags.value().resourceTagSet() != null) {
            resource.tags(
                AwsAttributes.tags(tags.value().resourceTagSet().tags(), Tag::key, Tag::value));
          }
          context.emit(resource, SOURCES);
        });
  }

  private static String name(String value) {
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** "a" "b" becomes ab, as a TXT record's strings are one value. */
  static String unquote(String value) {
    if (value == null || !value.startsWith("\"")) {
      return value;
    }
    StringBuilder result = new StringBuilder();
    boolean inside = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && inside && i + 1 < value.length()) {
        result.append(value.charAt(++i));
      } else if (c == '"') {
        inside = !inside;
      } else if (inside) {
        result.append(c);
      }
    }
    return result.toString();
  }
}
