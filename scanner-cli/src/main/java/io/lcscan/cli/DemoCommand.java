package io.lcscan.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.lcscan.demo.DemoAccount;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    defaultValueProvider = DemoCommand.Defaults.class,
    description = {
      "Scans a fake AWS account with no cloud access: it starts a local server (WireMock on"
          + " 127.0.0.1) that answers as account 123456789012 would, with compliant and"
          + " non-compliant resources in ap-northeast-1 and us-east-1, runs the same scan as"
          + " `lcscan scan aws --endpoint-url`, writes the reports and stops the server.",
      "Default: --format table,html,json --output lcscan-demo/. The account denies Inspector2 in"
          + " us-east-1 on purpose, to show a coverage gap: its findings are ERROR, the scan is"
          + " incomplete and the demo exits 3.",
    })
public final class DemoCommand extends FindingsCommand {

  static final String DEFAULT_FORMATS = "table,html,json";
  static final String DEFAULT_OUTPUT = "lcscan-demo/";

  @Inject
  public DemoCommand(Provider<FindingsSupport> support) {
    super(support);
  }

  @Override
  Input read(boolean locations) {
    Terminal terminal = terminal();
    try (DemoAccount account = new DemoAccount().start()) {
      URI endpoint = account.endpoint();
      terminal
          .err()
          .println(
              "lcscan: demo: scanning fake AWS account "
                  + DemoAccount.ACCOUNT_ID
                  + " served at "
                  + endpoint
                  + " (regions "
                  + String.join(", ", DemoAccount.REGIONS)
                  + ")");
      terminal.err().flush();
      return ScanAwsCommand.scan(AwsScanRequest.ofEndpoint(endpoint.toString()), terminal);
    }
  }

  /** The demo writes a table, the HTML report and the JSON model unless told otherwise. */
  public static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argument) {
      if (argument instanceof OptionSpec option) {
        return switch (option.longestName()) {
          case "--format" -> DEFAULT_FORMATS;
          case "--output" -> DEFAULT_OUTPUT;
          default -> null;
        };
      }
      return null;
    }
  }
}
