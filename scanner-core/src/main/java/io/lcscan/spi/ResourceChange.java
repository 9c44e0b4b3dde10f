package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * How a resource changes: a plan's actions with the state before them, or (for live scans) the
 * difference to the previous scan. Renewal and disposal controls read it; others ignore it.
 *
 * @param actions Terraform-style actions: {@code create}, {@code update}, {@code delete}, {@code
 *     no-op}; a replace is {@code delete} and {@code create}
 * @param before the normalized state before the change; null for a create
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceChange(List<String> actions, Prior before) {

  public ResourceChange {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** Only a delete: the resource will not exist afterwards. */
  public boolean deleteOnly() {
    return actions.equals(List.of("delete"));
  }

  /** The normalized state before the change, in the same shape as the resource itself. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Prior(String region, Map<String, String> tags, ObjectNode attributes) {
    public Prior {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }
}
