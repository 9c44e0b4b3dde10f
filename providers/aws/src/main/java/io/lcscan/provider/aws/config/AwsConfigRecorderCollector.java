package io.lcscan.provider.aws.config;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.DeliveryChannel;
import software.amazon.awssdk.services.config.model.DescribeConfigurationRecorderStatusResponse;
import software.amazon.awssdk.services.config.model.DescribeConfigurationRecordersResponse;
import software.amazon.awssdk.services.config.model.DescribeDeliveryChannelsResponse;

/**
 * The AWS Config recorder of a region ({@code aws.config.recorder}): one resource per account and
 * region, with {@code exists=false} where there is none.
 */
public final class AwsConfigRecorderCollector implements AwsCollector {
  public static final String TYPE = "aws.config.recorder";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec RECORDERS =
      CallSpec.of("config", "DescribeConfigurationRecorders", TYPE);
  private static final CallSpec STATUS =
      CallSpec.of("config", "DescribeConfigurationRecorderStatus", TYPE);
  private static final CallSpec CHANNELS = CallSpec.of("config", "DescribeDeliveryChannels", TYPE);
  private static final List<CallSpec> SOURCES = List.of(RECORDERS, STATUS, CHANNELS);

  @Override
  public String service() {
    return "config";
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
    return Optional.of(ConfigClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    ConfigClient config = context.client(ConfigClient.class);
    CallResult<DescribeConfigurationRecordersResponse> recorders =
        context.call(RECORDERS, () -> config.describeConfigurationRecorders(request -> {}));
    if (!recorders.ok()) {
      return;
    }
    String id = "aws:config:" + context.region() + ":" + context.accountId() + ":recorder";
    Resource.Builder resource = context.resource(TYPE, id);
    ObjectNode attributes = resource.attributes();
    List<ConfigurationRecorder> list = recorders.value().configurationRecorders();
    attributes.put("exists", !list.isEmpty());
    if (list.isEmpty()) {
      attributes.put("recording", false);
      resource.name("config recorder " + context.region());
    } else {
      ConfigurationRecorder recorder = list.get(0);
      resource.name(recorder.name());
      if (recorder.recordingGroup() != null) {
        bool(attributes, "allSupported", recorder.recordingGroup().allSupported());
        bool(
            attributes,
            "includeGlobalResourceTypes",
            recorder.recordingGroup().includeGlobalResourceTypes());
      }
      CallResult<DescribeConfigurationRecorderStatusResponse> status =
          context.call(STATUS, () -> config.describeConfigurationRecorderStatus(request -> {}));
      if (status.ok()) {
        for (ConfigurationRecorderStatus value : status.value().configurationRecordersStatus()) {
          if (recorder.name().equals(value.name())) {
            bool(attributes, "recording", value.recording());
            text(attributes, "lastStatus", value.lastStatusAsString());
          }
        }
      }
    }
    CallResult<DescribeDeliveryChannelsResponse> channels =
        context.call(CHANNELS, () -> config.describeDeliveryChannels(request -> {}));
    if (channels.ok()) {
      ObjectNode channel = object(attributes, "deliveryChannel");
      List<DeliveryChannel> values = channels.value().deliveryChannels();
      channel.put("exists", !values.isEmpty());
      if (!values.isEmpty()) {
        text(channel, "s3BucketName", values.get(0).s3BucketName());
      }
    }
    context.emit(resource, SOURCES);
  }
}
