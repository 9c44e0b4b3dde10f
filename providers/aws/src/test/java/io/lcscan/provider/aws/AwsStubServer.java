package io.lcscan.provider.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.lcscan.provider.common.CollectionRuntimeConfig;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WireMock serving AWS answers from {@code src/test/resources/wiremock/aws/<service>/<scenario>/}
 * (WireMock {@code mappings/} and {@code __files/}). Several scenarios load into one server, so a
 * test combines the caller identity, the regions and the service it is about.
 */
public final class AwsStubServer implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String HOME = "ap-northeast-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  public AwsStubServer(String... scenarios) {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    for (String scenario : scenarios) {
      load(scenario);
    }
  }

  public WireMockServer wireMock() {
    return server;
  }

  public URI endpoint() {
    return URI.create("http://localhost:" + server.port());
  }

  /** Loads {@code wiremock/aws/<scenario>/mappings}, with each bodyFileName inlined. */
  public void load(String scenario) {
    Path root = resource("wiremock/aws/" + scenario);
    Path mappings = root.resolve("mappings");
    try (Stream<Path> files = Files.list(mappings)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
        ObjectNode mapping = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode response = (ObjectNode) mapping.get("response");
        if (response != null && response.has("bodyFileName")) {
          Path body = root.resolve("__files").resolve(response.get("bodyFileName").asText());
          response.remove("bodyFileName");
          response.put("body", Files.readString(body, StandardCharsets.UTF_8));
        }
        server.addStubMapping(StubMapping.buildFrom(JSON.writeValueAsString(mapping)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load stubs of " + scenario, e);
    }
  }

  private static Path resource(String name) {
    URL url = AwsStubServer.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A scope of the stub account in the given regions and services, pointed at this server. */
  public Scope scope(List<String> regions, List<String> services) {
    return scope(regions, services, Map.of());
  }

  public Scope scope(List<String> regions, List<String> services, Map<String, String> credentials) {
    Map<String, String> keys = new HashMap<>(credentials);
    keys.putIfAbsent(AwsScopeKeys.HOME_REGION, HOME);
    return new Scope("aws", List.of(), regions, services, keys, endpoint());
  }

  /** Settings that resolve every fault in milliseconds. */
  public static AwsProviderConfig fastConfig() {
    return new AwsProviderConfig()
        .setRuntime(
            new CollectionRuntimeConfig()
                .setCallTimeout(Duration.ofSeconds(5))
                .setBackoffBase(Duration.ofMillis(1))
                .setBackoffMax(Duration.ofMillis(5))
                .setMaxAttempts(3)
                .setMaxRetryAfter(Duration.ofSeconds(2))
                .setMaxPages(50));
  }

  /** Runs a scan of the given collectors and returns what it collected. */
  public InMemoryCollectionSink scan(
      AwsProviderConfig config, Scope scope, AwsCollector... collectors)
      throws InterruptedException {
    InMemoryCollectionSink sink = new InMemoryCollectionSink();
    new AwsProvider(config, List.of(collectors)).collect(scope, sink);
    return sink;
  }

  /**
   * Fails when a request matched no stub: WireMock answers those 404, which a collector would read
   * as "not configured", so an unstubbed call must never pass unnoticed.
   */
  public void assertAllMatched() {
    List<String> unmatched = new ArrayList<>();
    server
        .findAllUnmatchedRequests()
        .forEach(
            request ->
                unmatched.add(
                    AwsReadOnlyAssertions.service(request)
                        + " "
                        + String.valueOf(AwsReadOnlyAssertions.operation(request))
                        + " "
                        + request.getMethod()
                        + " "
                        + request.getUrl()
                        + " "
                        + request.getBodyAsString()));
    if (!unmatched.isEmpty()) {
      throw new AssertionError("requests without a stub:\n  " + String.join("\n  ", unmatched));
    }
  }

  public List<String> requestLines() {
    List<String> lines = new ArrayList<>();
    server
        .getAllServeEvents()
        .forEach(
            event -> lines.add(event.getRequest().getMethod() + " " + event.getRequest().getUrl()));
    return lines;
  }

  /**
   * Scans with the given collectors and checks what every collector test needs: each request was
   * stubbed and a read, and each resource matches its type schema.
   */
  public InMemoryCollectionSink scanChecked(Scope scope, AwsCollector... collectors)
      throws InterruptedException {
    InMemoryCollectionSink sink = scan(fastConfig(), scope, collectors);
    assertAllMatched();
    AwsReadOnlyAssertions.assertReadOnly(server);
    io.lcscan.testing.TypeSchemas.assertAllValid(sink.resources());
    return sink;
  }

  @Override
  public void close() {
    server.stop();
  }
}
