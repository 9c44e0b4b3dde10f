package io.lcscan.spi;

import static java.util.Objects.requireNonNull;

/**
 * A link from one resource to another, such as a volume's key or a snapshot's source volume.
 *
 * @param relation what the target is to the source, for example {@code kmsKey} or {@code
 *     sourceVolume}
 * @param type the normalized type of the target, when known
 * @param id the target's id (an ARN, an Azure resource id, a GCP self link)
 */
public record ResourceRef(String relation, String type, String id) {
  public ResourceRef {
    requireNonNull(relation, "relation is null");
    requireNonNull(id, "id is null");
  }
}
