package io.lcscan.provider.aws.lambda;

import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;

/**
 * Lambda functions ({@code aws.lambda.function}). Environment variables are never read into the
 * resource, and the raw ListFunctions answer keeps their names only (values redacted).
 */
public final class AwsLambdaFunctionCollector implements AwsCollector {
  public static final String TYPE = "aws.lambda.function";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("lambda", "ListFunctions", TYPE);
  private static final CallSpec URL = CallSpec.of("lambda", "GetFunctionUrlConfig", TYPE);
  private static final CallSpec TAGS = CallSpec.of("lambda", "ListTags", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, URL, TAGS);
  // Lambda writes LastModified as 2024-01-01T00:00:00.000+0000
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @Override
  public String service() {
    return "lambda";
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
    return Optional.of(LambdaClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    LambdaClient lambda = context.client(LambdaClient.class);
    List<FunctionConfiguration> functions = new ArrayList<>();
    context.paginate(
        LIST,
        token -> lambda.listFunctions(request -> request.marker(token)),
        ListFunctionsResponse::nextMarker,
        page -> functions.addAll(page.functions()));
    context.forEach(
        functions,
        function -> {
          Resource.Builder resource =
              context.resource(TYPE, function.functionArn()).name(function.functionName());
          ObjectNode attributes = resource.attributes();
          text(attributes, "runtime", function.runtimeAsString());
          text(attributes, "packageType", function.packageTypeAsString());
          time(attributes, "lastModified", lastModified(function.lastModified()));
          ObjectNode encryption = object(attributes, "encryption");
          boolean customerKey = function.kmsKeyArn() != null && !function.kmsKeyArn().isEmpty();
          encryption.put("customerManagedKey", customerKey);
          text(encryption, "keyId", function.kmsKeyArn());
          CallResult<GetFunctionUrlConfigResponse> url =
              context.call(
                  URL,
                  () ->
                      lambda.getFunctionUrlConfig(
                          request -> request.functionName(function.functionArn())));
          if (url.ok()) {
            text(attributes, "functionUrlAuthType", url.value().authTypeAsString());
          }
          CallResult<ListTagsResponse> tags =
              context.call(
                  TAGS, () -> lambda.listTags(request -> request.resource(function.functionArn())));
          if (tags.ok()) {
            resource.tags(tags.value().tags());
          }
          context.emit(resource, SOURCES);
        });
  }

  static java.time.Instant lastModified(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, LAST_MODIFIED).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
