package io.lcscan.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "aws",
    mixinStandardHelpOptions = true,
    description = {
      "Scans AWS accounts live, with read-only API calls, and evaluates them against the catalog.",
      "Credentials come from the AWS SDK's default chain (environment, profile, SSO, instance"
          + " role) unless --profile or --role-arn says otherwise. A part of the scope that cannot"
          + " be read (access denied, throttled, unreachable) is a coverage gap: its findings are"
          + " ERROR and the exit code is 3.",
    })
public final class ScanAwsCommand extends FindingsCommand {

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "A named profile of ~/.aws/config and ~/.aws/credentials.")
  String profile;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description = "A role to assume before scanning, such as a read-only audit role.")
  String roleArn;

  @Option(
      names = "--external-id",
      paramLabel = "ID",
      description =
          "The external id the role's trust policy requires (with --role-arn or"
              + " --organization).")
  String externalId;

  @Option(
      names = "--organization",
      paramLabel = "ROLE_NAME",
      description =
          "Scan every ACTIVE account of the AWS Organization: list them through Organizations and"
              + " assume ROLE_NAME (such as OrganizationAccountAccessRole) in each.")
  String organizationRole;

  @Option(
      names = "--accounts",
      paramLabel = "ID",
      split = ",",
      description = "Only these accounts (12-digit ids, comma-separated).")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--regions",
      paramLabel = "LIST|all",
      split = ",",
      description =
          "Regions to scan, comma-separated, or all: every region enabled in each account"
              + " (opt-in regions not enabled are skipped). Default: all.")
  List<String> regions = new ArrayList<>();

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send every API call to this endpoint instead of AWS (S3 path-style), such as a local"
              + " emulator; lcscan then signs with placeholder credentials.")
  String endpointUrl;

  @Mixin SoftFailOption softFail;

  @Inject
  public ScanAwsCommand(Provider<FindingsSupport> support) {
    super(support);
  }

  @Override
  boolean softFail() {
    return softFail.enabled();
  }

  @Override
  Input read(boolean locations) {
    AwsScanRequest request =
        new AwsScanRequest(
            profile, roleArn, externalId, organizationRole, accounts, regions, endpointUrl);
    return scan(request, terminal());
  }

  /** The scan both {@code scan aws} and {@code demo} run. */
  static Input scan(AwsScanRequest request, Terminal terminal) {
    // every option is checked before the first call
    io.lcscan.spi.Scope scope = request.scope();
    ProgressDisplay display = ProgressDisplay.forStderr(terminal.err(), System.console() != null);
    return new AwsScan(display).run(scope);
  }
}
