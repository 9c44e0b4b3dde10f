package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of the call log: every API call a collector makes, whatever its outcome.
 *
 * @param attempts how many times the call was sent, counting retries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallRecord(
    String provider,
    String service,
    String operation,
    String account,
    String region,
    Instant time,
    long durationMillis,
    String requestId,
    CallOutcome outcome,
    int httpStatus,
    int attempts,
    String errorCode) {}
