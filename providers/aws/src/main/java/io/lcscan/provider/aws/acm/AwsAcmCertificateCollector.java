package io.lcscan.provider.aws.acm;

import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;
import static io.lcscan.provider.aws.AwsAttributes.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallResult;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;

/** ACM certificates ({@code aws.acm.certificate}) of every key type, not only RSA 2048. */
public final class AwsAcmCertificateCollector implements AwsCollector {
  public static final String TYPE = "aws.acm.certificate";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec LIST = CallSpec.of("acm", "ListCertificates", TYPE);
  private static final CallSpec DESCRIBE = CallSpec.of("acm", "DescribeCertificate", TYPE);
  private static final List<CallSpec> SOURCES = List.of(LIST, DESCRIBE);

  @Override
  public String service() {
    return "acm";
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
    return Optional.of(AcmClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    AcmClient acm = context.client(AcmClient.class);
    List<CertificateSummary> certificates = new ArrayList<>();
    // without Includes.keyTypes ListCertificates returns RSA 1024 and 2048 certificates only
    context.paginate(
        LIST,
        token ->
            acm.listCertificates(
                request ->
                    request
                        .includes(filters -> filters.keyTypes(KeyAlgorithm.knownValues()))
                        .nextToken(token)),
        ListCertificatesResponse::nextToken,
        page -> certificates.addAll(page.certificateSummaryList()));
    context.forEach(
        certificates,
        summary -> {
          CallResult<CertificateDetail> described =
              context.call(
                  DESCRIBE,
                  () ->
                      acm.describeCertificate(
                              request -> request.certificateArn(summary.certificateArn()))
                          .certificate());
          if (!described.ok()) {
            return;
          }
          CertificateDetail certificate = described.value();
          Resource.Builder resource =
              context.resource(TYPE, certificate.certificateArn()).name(certificate.domainName());
          ObjectNode attributes = resource.attributes();
          text(attributes, "domainName", certificate.domainName());
          text(attributes, "status", certificate.statusAsString());
          text(attributes, "certificateType", certificate.typeAsString());
          time(attributes, "notAfter", certificate.notAfter());
          text(attributes, "renewalEligibility", certificate.renewalEligibilityAsString());
          attributes.put("inUse", !certificate.inUseBy().isEmpty());
          strings(attributes, "inUseBy", certificate.inUseBy());
          text(attributes, "keyAlgorithm", certificate.keyAlgorithmAsString());
          context.emit(resource, SOURCES);
        });
  }
}
