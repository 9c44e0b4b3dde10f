package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The result of one control on one resource, or on one scope for gaps and manual controls.
 *
 * @param message for FAIL it names the offending value; for ERROR it says what was missing
 * @param evidence the attribute values that decided the result, by attribute path
 * @param waiver the waiver that applied or lapsed, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
    String controlId,
    Status status,
    Severity severity,
    Phase phase,
    String provider,
    String account,
    String region,
    String resourceType,
    String resourceId,
    String resourceName,
    Classification classification,
    String message,
    Map<String, JsonNode> evidence,
    WaiverRef waiver) {

  /** The waiver behind a WAIVED finding, or the lapsed one behind a FAIL. */
  public record WaiverRef(
      String id, String approver, String ticket, String expires, boolean lapsed, String reason) {}
}
