package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * A Terraform resource type that configures another resource instead of being one, such as {@code
 * aws_s3_bucket_versioning}. Its settings are merged into the resource it names in {@code
 * linkAttribute}.
 *
 * @param targetTypes the Terraform types the link may point at
 * @param targetKeys attributes of the target a literal link value is compared with (a bucket name,
 *     a key id), for links written as plain strings
 */
record TerraformCompanion(
    String type, String linkAttribute, Set<String> targetTypes, List<String> targetKeys) {

  TerraformCompanion {
    requireNonNull(type, "type is null");
    requireNonNull(linkAttribute, "linkAttribute is null");
    targetTypes = Set.copyOf(targetTypes);
    targetKeys = List.copyOf(targetKeys);
  }
}
