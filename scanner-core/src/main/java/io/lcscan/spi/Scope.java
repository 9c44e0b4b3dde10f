package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What to scan: accounts (subscriptions, projects), regions and services of one provider.
 *
 * <p>An empty list means "all that the credentials can see". {@code credentials} carries provider
 * specific settings (profile, role ARN, external id); it is never serialized, as it may hold
 * secrets. {@code endpointOverride} points every client at one endpoint, which is how tests and the
 * demo reach WireMock.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Scope(
    String provider,
    List<String> accounts,
    List<String> regions,
    List<String> services,
    @JsonIgnore Map<String, String> credentials,
    URI endpointOverride) {

  public Scope {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    regions = regions == null ? List.of() : List.copyOf(regions);
    services = services == null ? List.of() : List.copyOf(services);
    credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
  }

  public static Scope of(String provider) {
    return new Scope(provider, List.of(), List.of(), List.of(), Map.of(), null);
  }
}
