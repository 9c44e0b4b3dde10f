package io.lcscan.provider.terraform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The companion types lcscan merges, and what each one points at. */
final class TerraformCompanions {
  private static final List<String> ID_KEYS =
      List.of(
          "id",
          "arn",
          "name",
          "bucket",
          "key_id",
          "function_name",
          "zone_id",
          "cluster_id",
          "dataset_id",
          "self_link",
          "email",
          "unique_id");
  private static final Map<String, TerraformCompanion> BY_TYPE = new HashMap<>();

  static {
    for (String suffix :
        List.of(
            "server_side_encryption_configuration",
            "public_access_block",
            "versioning",
            "lifecycle_configuration",
            "logging",
            "policy",
            "replication_configuration",
            "object_lock_configuration",
            "acl",
            "ownership_controls")) {
      add("aws_s3_bucket_" + suffix, "bucket", "aws_s3_bucket");
    }
    add("aws_kms_alias", "target_key_id", "aws_kms_key", "aws_kms_replica_key");
    add("aws_backup_selection", "plan_id", "aws_backup_plan");
    add("aws_cloudhsm_v2_hsm", "cluster_id", "aws_cloudhsm_v2_cluster");
    add("aws_eip_association", "allocation_id", "aws_eip");
    add(
        "aws_security_group_rule",
        "security_group_id",
        "aws_security_group",
        "aws_default_security_group");
    add(
        "aws_vpc_security_group_ingress_rule",
        "security_group_id",
        "aws_security_group",
        "aws_default_security_group");
    add(
        "aws_vpc_security_group_egress_rule",
        "security_group_id",
        "aws_security_group",
        "aws_default_security_group");
    add(
        "aws_vpc_peering_connection_accepter",
        "vpc_peering_connection_id",
        "aws_vpc_peering_connection");
    add("aws_subnet", "vpc_id", "aws_vpc", "aws_default_vpc");
    add("aws_route_table", "vpc_id", "aws_vpc", "aws_default_vpc");
    add("aws_flow_log", "vpc_id", "aws_vpc", "aws_default_vpc");
    add("aws_efs_backup_policy", "file_system_id", "aws_efs_file_system");
    add("aws_efs_replication_configuration", "source_file_system_id", "aws_efs_file_system");
    add("aws_lb_listener", "load_balancer_arn", "aws_lb");
    add("aws_wafv2_web_acl_association", "resource_arn", "aws_lb");
    add("aws_iam_role_policy_attachment", "role", "aws_iam_role");
    for (String type :
        List.of(
            "aws_iam_user_login_profile",
            "aws_iam_access_key",
            "aws_iam_user_policy_attachment",
            "aws_iam_user_policy",
            "aws_iam_user_group_membership")) {
      add(type, "user", "aws_iam_user");
    }
    add("aws_lambda_function_url", "function_name", "aws_lambda_function");
    add("aws_cloudwatch_log_metric_filter", "log_group_name", "aws_cloudwatch_log_group");
    add("aws_route53_record", "zone_id", "aws_route53_zone");
    add("aws_kms_key_policy", "key_id", "aws_kms_key");
    add("aws_volume_attachment", "volume_id", "aws_ebs_volume");
    add("aws_secretsmanager_secret_rotation", "secret_id", "aws_secretsmanager_secret");
    add("aws_backup_vault_lock_configuration", "backup_vault_name", "aws_backup_vault");
    add("aws_guardduty_detector_feature", "detector_id", "aws_guardduty_detector");
    add(
        "aws_snapshot_create_volume_permission",
        "snapshot_id",
        "aws_ebs_snapshot",
        "aws_ebs_snapshot_copy");
    add(
        "aws_ami_launch_permission",
        "image_id",
        "aws_ami",
        "aws_ami_copy",
        "aws_ami_from_instance");
    for (String type :
        List.of(
            "azurerm_cdn_frontdoor_endpoint",
            "azurerm_cdn_frontdoor_custom_domain",
            "azurerm_cdn_frontdoor_security_policy")) {
      add(type, "cdn_frontdoor_profile_id", "azurerm_cdn_frontdoor_profile");
    }
    add(
        "azurerm_monitor_diagnostic_setting",
        "target_resource_id",
        "azurerm_key_vault",
        "azurerm_storage_account");
    add(
        "azurerm_management_lock",
        "scope",
        "azurerm_storage_account",
        "azurerm_mssql_server",
        "azurerm_log_analytics_workspace");
    for (String type :
        List.of(
            "azurerm_mssql_firewall_rule",
            "azurerm_mssql_server_transparent_data_encryption",
            "azurerm_mssql_server_extended_auditing_policy")) {
      add(type, "server_id", "azurerm_mssql_server");
    }
    add(
        "azurerm_network_security_rule",
        "network_security_group_name",
        "azurerm_network_security_group");
    add("azurerm_subnet", "virtual_network_name", "azurerm_virtual_network");
    add("azurerm_virtual_network_peering", "virtual_network_name", "azurerm_virtual_network");
    add("azurerm_backup_protected_vm", "recovery_vault_name", "azurerm_recovery_services_vault");
    add(
        "azurerm_site_recovery_replicated_vm",
        "recovery_vault_name",
        "azurerm_recovery_services_vault");
    for (String type :
        List.of(
            "azurerm_dns_a_record",
            "azurerm_dns_aaaa_record",
            "azurerm_dns_cname_record",
            "azurerm_dns_txt_record",
            "azurerm_dns_mx_record")) {
      add(type, "zone_name", "azurerm_dns_zone");
    }
    for (String type :
        List.of(
            "google_bigquery_dataset_iam_binding",
            "google_bigquery_dataset_iam_member",
            "google_bigquery_dataset_access")) {
      add(type, "dataset_id", "google_bigquery_dataset");
    }
    add("google_compute_disk_resource_policy_attachment", "disk", "google_compute_disk");
    for (String kind : List.of("binding", "member", "policy")) {
      add("google_compute_image_iam_" + kind, "image", "google_compute_image");
      add("google_compute_snapshot_iam_" + kind, "name", "google_compute_snapshot");
      add("google_storage_bucket_iam_" + kind, "bucket", "google_storage_bucket");
    }
    add("google_compute_network_peering", "network", "google_compute_network");
    add("google_container_node_pool", "cluster", "google_container_cluster");
    add("google_service_account_key", "service_account_id", "google_service_account");
    add(
        "azurerm_storage_account_customer_managed_key",
        "storage_account_id",
        "azurerm_storage_account");
    add("azurerm_storage_account_network_rules", "storage_account_id", "azurerm_storage_account");
    add("azurerm_storage_management_policy", "storage_account_id", "azurerm_storage_account");
  }

  private TerraformCompanions() {}

  private static void add(String type, String linkAttribute, String... targets) {
    BY_TYPE.put(type, new TerraformCompanion(type, linkAttribute, Set.of(targets), ID_KEYS));
  }

  static Optional<TerraformCompanion> of(String terraformType) {
    return Optional.ofNullable(BY_TYPE.get(terraformType));
  }

  static boolean isCompanion(String terraformType) {
    return BY_TYPE.containsKey(terraformType);
  }

  static Map<String, TerraformCompanion> all() {
    return Map.copyOf(BY_TYPE);
  }
}
