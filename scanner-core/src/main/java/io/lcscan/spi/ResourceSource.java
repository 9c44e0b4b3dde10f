package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a resource came from: a live scan (with the API calls that described it) or a plan.
 *
 * @param kind {@code live}, {@code plan} or {@code fixture}
 * @param calls the {@code service:Operation} calls that produced the attributes
 * @param address the Terraform address, for plan resources
 * @param file the configuration file and line a plan gives for the resource, when it does
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceSource(String kind, List<String> calls, String address, String file) {
  public static final String LIVE = "live";
  public static final String PLAN = "plan";

  public ResourceSource {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  public static ResourceSource live(List<String> calls) {
    return new ResourceSource(LIVE, calls, null, null);
  }

  public static ResourceSource plan(String address, String file) {
    return new ResourceSource(PLAN, List.of(), address, file);
  }
}
