package io.lcscan.provider.aws.logs;

import static io.lcscan.provider.aws.AwsAttributes.integer;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/**
 * CloudWatch Logs log groups ({@code aws.logs.log-group}) with their retention, key, and metric
 * filters marked by whether an alarm with an action watches each one's metric.
 */
public final class AwsLogsLogGroupCollector implements AwsCollector {
  public static final String TYPE = "aws.logs.log-group";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec GROUPS = CallSpec.of("logs", "DescribeLogGroups", TYPE);
  private static final CallSpec FILTERS = CallSpec.of("logs", "DescribeMetricFilters", TYPE);
  private static final CallSpec ALARMS = CallSpec.of("cloudwatch", "DescribeAlarmsForMetric", TYPE);
  private static final CallSpec TAGS = CallSpec.of("logs", "ListTagsForResource", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(GROUPS, FILTERS, ALARMS, TAGS, CallSpec.of("kms", "DescribeKey"));

  @Override
  public String service() {
    return "logs";
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
    return Optional.of(CloudWatchLogsClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    CloudWatchLogsClient logs = context.client(CloudWatchLogsClient.class);
    List<LogGroup> groups = new ArrayList<>();
    context.paginate(
        GROUPS,
        token -> logs.describeLogGroups(request -> request.nextToken(token)),
        DescribeLogGroupsResponse::nextToken,
        page -> groups.addAll(page.logGroups()));
    if (groups.isEmpty()) {
      return;
    }
    Map<String, List<MetricFilter>> filters = new HashMap<>();
    boolean filtersKnown =
        context.paginate(
            FILTERS,
            token -> logs.describeMetricFilters(request -> request.nextToken(token)),
            DescribeMetricFiltersResponse::nextToken,
            page ->
                page.metricFilters()
                    .forEach(
                        filter ->
                            filters
                                .computeIfAbsent(filter.logGroupName(), name -> new ArrayList<>())
                                .add(filter)));
    CloudWatchClient cloudWatch = context.client(CloudWatchClient.class);
    Map<String, Optional<Boolean>> alarmed = new ConcurrentHashMap<>();
    context.forEach(
        groups,
        group -> {
          String arn =
              group.arn() != null && group.arn().endsWith(":*")
                  ? group.arn().substring(0, group.arn().length() - 2)
                  : group.arn();
          Resource.Builder resource = context.resource(TYPE, arn).name(group.logGroupName());
          ObjectNode attributes = resource.attributes();
          if (group.creationTime() != null) {
            time(attributes, "createdAt", Instant.ofEpochMilli(group.creationTime()));
          }
          integer(attributes, "storedBytes", group.storedBytes());
          ObjectNode logging = object(attributes, "logging");
          integer(logging, "retentionDays", group.retentionInDays());
          logging.put("neverExpire", group.retentionInDays() == null);
          ObjectNode encryption = object(attributes, "encryption");
          if (group.kmsKeyId() == null || group.kmsKeyId().isEmpty()) {
            encryption.put("customerManagedKey", false);
          } else {
            AwsEncryption.resolve(context, resource, encryption, group.kmsKeyId(), TYPES);
          }
          if (filtersKnown) {
            ArrayNode list = attributes.putArray("metricFilters");
            for (MetricFilter filter : filters.getOrDefault(group.logGroupName(), List.of())) {
              ObjectNode node = list.addObject();
              text(node, "name", filter.filterName());
              text(node, "pattern", filter.filterPattern());
              if (!filter.metricTransformations().isEmpty()) {
                Optional<Boolean> watched =
                    watched(context, cloudWatch, filter.metricTransformations().get(0), alarmed);
                watched.ifPresent(value -> node.put("alarmed", value));
              }
            }
          }
          CallResult<ListTagsForResourceResponse> tags =
              context.call(
                  TAGS, () -> logs.listTagsForResource(request -> request.resourceArn(arn)));
          if (tags.ok()) {
            resource.tags(tags.value().tags());
          }
          context.emit(resource, SOURCES);
        });
  }

  /** An enabled alarm with an action on the metric; empty when the alarms could not be read. */
  private static Optional<Boolean> watched(
      AwsCollectionContext context,
      CloudWatchClient cloudWatch,
      MetricTransformation metric,
      Map<String, Optional<Boolean>> cache)
      throws InterruptedException {
    String key = metric.metricNamespace() + "/" + metric.metricName();
    Optional<Boolean> known = cache.get(key);
    if (known != null) {
      return known;
    }
    CallResult<DescribeAlarmsForMetricResponse> alarms =
        context.call(
            ALARMS,
            () ->
                cloudWatch.describeAlarmsForMetric(
                    request ->
                        request
                            .namespace(metric.metricNamespace())
                            .metricName(metric.metricName())));
    Optional<Boolean> result = Optional.empty();
    if (alarms.ok()) {
      boolean any = false;
      for (MetricAlarm alarm : alarms.value().metricAlarms()) {
        any |= Boolean.TRUE.equals(alarm.actionsEnabled()) && !alarm.alarmActions().isEmpty();
      }
      result = Optional.of(any);
    }
    cache.put(key, result);
    return result;
  }
}
