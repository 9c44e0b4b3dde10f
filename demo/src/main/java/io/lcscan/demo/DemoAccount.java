package io.lcscan.demo;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.net.URI;
import java.util.List;

/**
 * A fake AWS account that {@code lcscan demo} scans: WireMock on 127.0.0.1 with a dynamic port,
 * answering the read APIs of every AWS collector in the exact wire format of each service's
 * protocol. The answers live under {@code lcscan-demo/aws/} on the classpath ({@code mappings/} and
 * {@code __files/}).
 *
 * <p>Account {@value #ACCOUNT_ID} has resources in {@code ap-northeast-1} (Tokyo, most of them) and
 * {@code us-east-1} (a few, outside the Japanese regions), global services once, and {@code
 * ap-east-1} disabled (opt-in, so skipped). Inspector2 in {@code us-east-1} answers AccessDenied on
 * purpose, so the report shows what a coverage gap looks like.
 */
public final class DemoAccount implements AutoCloseable {

  public static final String ACCOUNT_ID = "123456789012";

  /** The regions enabled in the account, which a scan of all regions covers. */
  public static final List<String> REGIONS = List.of("ap-northeast-1", "us-east-1");

  static final String ROOT = "lcscan-demo/aws";

  private WireMockServer server;

  /** Starts serving; a second call does nothing. */
  public synchronized DemoAccount start() {
    if (server == null) {
      WireMockServer created =
          new WireMockServer(
              options()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .usingFilesUnderClasspath(ROOT)
                  .notifier(new Slf4jNotifier(false)));
      created.start();
      server = created;
    }
    return this;
  }

  /** Where every AWS client of the scan is pointed: {@code http://127.0.0.1:<port>}. */
  public synchronized URI endpoint() {
    return URI.create("http://127.0.0.1:" + running().port());
  }

  /** The server, whose request journal tests read. */
  public synchronized WireMockServer server() {
    return running();
  }

  private WireMockServer running() {
    if (server == null) {
      throw new IllegalStateException("the demo account is not started");
    }
    return server;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
