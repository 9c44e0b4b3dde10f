package io.lcscan.provider.terraform;

/**
 * What a reference argument (a key id, a bucket) leads to: a resource of the plan, or an id written
 * as a literal (or known from an existing resource).
 */
record TerraformTarget(TerraformAddress address, String literal) {

  boolean inPlan() {
    return address != null;
  }

  String terraformType() {
    return address == null ? null : address.type();
  }
}
