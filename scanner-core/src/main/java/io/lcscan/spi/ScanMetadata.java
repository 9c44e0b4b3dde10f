package io.lcscan.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Who scanned what and when. {@code identity} is the caller's principal (an ARN, an object id),
 * never a credential.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanMetadata(
    String scanId,
    String kind,
    String identity,
    List<Scope> scopes,
    Instant startedAt,
    Instant finishedAt,
    String toolVersion) {

  public ScanMetadata {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
